import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initialLocale } from './i18n/i18n';

const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html has no #root');
}
document.documentElement.lang = initialLocale();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
