// The inspect panel's tabs: one entry per view, each a component in this folder. `needs`
// names the engine view (engine/views/inspect) whose `applies` decides whether the tab is
// offered for a run; a tab whose view does not apply is shown disabled with the reason.
import { PlaneTab } from './PlaneTab.js';
import type { ComponentType } from 'react';
import type { LayerLabApi } from '../api/client.js';
import type { InspectReply, InspectViewName } from '../../engine/views/inspect/schemas.js';
import { AdversarialView } from './AdversarialView.js';
import { PlaygroundView } from './PlaygroundView.js';
import { LatentView } from './LatentView.js';
import { SequenceView } from './SequenceView.js';
import { ActivationsView } from './ActivationsView.js';

export interface InspectTabProps {
  api: LayerLabApi;
  runId: string;
  about: InspectReply<'about'>;
}

export interface InspectTab {
  id: string;
  title: string;
  needs: InspectViewName;
  Component: ComponentType<InspectTabProps>;
}

export const INSPECT_TABS: InspectTab[] = [
  { id: 'boundary', title: 'Boundary', needs: 'plane', Component: PlaneTab },
  { id: 'playground', title: 'Playground', needs: 'predict', Component: PlaygroundView },
  { id: 'latent', title: 'Latent space', needs: 'latent', Component: LatentView },
  { id: 'sequence', title: 'Sequences', needs: 'sequence', Component: SequenceView },
  { id: 'adversarial', title: 'Adversarial', needs: 'adversarial', Component: AdversarialView },
  { id: 'activations', title: 'Activations', needs: 'activations', Component: ActivationsView },
];
