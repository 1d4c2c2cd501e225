import { createRoot } from 'react-dom/client';
import { Root } from './app/shell';
import { connectToHost, notifyLoaded } from './teams/teams-host';

/**
 * Boot: connect to Teams (when framed), tell Teams at once that the app loaded (our own loading indicator
 * shows until the data is there), then render the page for this frame context.
 */
async function boot() {
  const host = await connectToHost();
  notifyLoaded(host);
  (window as unknown as { __radslagHost?: unknown }).__radslagHost = host;
  createRoot(document.getElementById('root')!).render(<Root host={host} />);
}

void boot();
