// The fuses the packaged app is built with. The configuration is read, validated and turned
// into @electron/fuses' wire options by electron-builder's own code, so a misspelt key or a
// fuse that electron-builder would not flip fails here rather than in a shipped binary.
import { FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';
import { PlatformPackager } from 'app-builder-lib';
import type { FuseOptionsV1 } from 'app-builder-lib/out/configuration.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** electron-builder's mapping from its `electronFuses` keys to the fuse wire (the step it runs
 *  right before signing). It is private in the typings; if an upgrade renames it, this fails. */
async function fuseWire(fuses: FuseOptionsV1): Promise<FuseConfig> {
  const generate = (PlatformPackager.prototype as unknown as { generateFuseConfig?: (f: FuseOptionsV1) => Promise<FuseConfig> }).generateFuseConfig;
  if (!generate) throw new Error('app-builder-lib no longer has PlatformPackager.generateFuseConfig: check how it flips fuses now');
  return generate.call(null, fuses);
}

describe('packaged fuses (electron-builder.yml)', () => {
  it('turn off every way to run other code in the app, and electron-builder accepts and applies them', async () => {
    const config = await getConfig(ROOT, null, null);
    // The schema check electron-builder runs before packaging (fuse keys are a closed set).
    await validateConfiguration(config, new DebugLogger(false));
    const fuses = config.electronFuses;
    expect(fuses, 'electron-builder.yml has no electronFuses').toBeTruthy();

    const wire = await fuseWire(fuses!);
    expect(wire.version).toBe(FuseVersion.V1);
    const want: [FuseV1Options, boolean, string][] = [
      // Training runs as a utilityProcess (electron/job-process.ts), so nothing needs ELECTRON_RUN_AS_NODE.
      [FuseV1Options.RunAsNode, false, 'runAsNode'],
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable, false, 'enableNodeOptionsEnvironmentVariable'],
      [FuseV1Options.EnableNodeCliInspectArguments, false, 'enableNodeCliInspectArguments'],
      [FuseV1Options.OnlyLoadAppFromAsar, true, 'onlyLoadAppFromAsar'],
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true, 'enableEmbeddedAsarIntegrityValidation'],
      [FuseV1Options.EnableCookieEncryption, true, 'enableCookieEncryption'],
      // The renderer is served over app://, never file://.
      [FuseV1Options.GrantFileProtocolExtraPrivileges, false, 'grantFileProtocolExtraPrivileges'],
    ];
    for (const [option, value, name] of want) expect((wire as Record<number, unknown>)[option], name).toBe(value);
  });

  it('ship the app inside an asar, where onlyLoadAppFromAsar and the integrity check look', async () => {
    const config = await getConfig(ROOT, null, null);
    // Unset means electron-builder's default, an asar; `false` would leave the app unloadable.
    expect(config.asar ?? true).not.toBe(false);
  });
});
