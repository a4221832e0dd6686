/** Browser entry: mounts the app. */
import { render } from 'solid-js/web';
import { App } from './App';
import './styles.css';
import './pages/pages.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(() => <App />, root);
