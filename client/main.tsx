/** Browser entry: mounts the app. */
import { render } from 'solid-js/web';
import { App } from './App';
import { followTheme } from './lib/theme';
import { registerServiceWorker } from './features/offline/register';
import './styles.css';
import './pages/pages.css';

// For the page's whole life: the theme follows the system (or the choice made in Profile).
followTheme();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(() => <App />, root);
registerServiceWorker();
