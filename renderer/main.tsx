import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { SupervisorStore } from './state/supervisor-store.js';
import { getSupervisorApi } from './transport/get-supervisor-api.js';

const { api, connection } = getSupervisorApi();
const store = new SupervisorStore(api, connection);
store.start();

const container = document.getElementById('root');
if (!container) throw new Error('RPA Supervisor: index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <App api={api} store={store} />
  </StrictMode>,
);
