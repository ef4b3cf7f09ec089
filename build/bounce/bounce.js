// The https bounce page: forwards the provider's answer (the query string) to RPA Supervisor's
// custom scheme, and shows a button in case the browser asks first or blocks the hand-off.
// No inline script, so the page's CSP can forbid it; see docs/providers.md for hosting.
(function () {
  'use strict';
  var maxQueryLength = 8000;
  var meta = document.querySelector('meta[name="rpa-supervisor-scheme"]');
  var scheme = meta ? meta.getAttribute('content') : '';
  var status = document.getElementById('status');
  var button = document.getElementById('open-app');
  var query = window.location.search;
  var params = new URLSearchParams(query);

  var looksLikeAnswer =
    /^[a-z][a-z0-9+.-]*$/.test(scheme || '') &&
    query.length > 1 &&
    query.length <= maxQueryLength &&
    params.getAll('state').length === 1 &&
    (params.getAll('code').length === 1 || params.getAll('error').length === 1);

  if (!looksLikeAnswer) {
    status.textContent = 'This page only finishes a sign-in started in RPA Supervisor. Start the sign-in again from the app.';
    return;
  }

  var target = scheme + '://auth/callback' + query;
  // Keep the one-time code out of the address bar and the browser history.
  if (window.history && window.history.replaceState) window.history.replaceState(null, '', window.location.pathname);
  button.setAttribute('href', target);
  button.hidden = false;
  status.textContent = params.has('error')
    ? 'The sign-in was not completed. RPA Supervisor will show why.'
    : 'Opening RPA Supervisor… If nothing happens, click the button below.';
  window.location.href = target;
})();
