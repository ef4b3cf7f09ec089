/**
 * Browser script for the claims portal, served from `/portal/app.js` so that the page's CSP can
 * forbid inline script. It sends no token itself: the bot's browser adds the Authorization header.
 */
export const portalScript = `'use strict';
(function () {
  var button = document.getElementById('load-claims');
  var status = document.getElementById('status');
  var rows = document.getElementById('claim-rows');
  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
  }
  button.addEventListener('click', async function () {
    status.textContent = 'Loading your claims…';
    rows.replaceChildren();
    var response;
    try {
      response = await fetch('/api/claims', { credentials: 'omit' });
    } catch (error) {
      status.textContent = 'The claims could not be loaded: the sandbox did not answer.';
      return;
    }
    if (response.status === 401) {
      status.textContent = 'Not signed in: each request must carry an access token.';
      return;
    }
    if (!response.ok) {
      status.textContent = 'The claims could not be loaded (HTTP ' + response.status + ').';
      return;
    }
    var body = await response.json();
    body.claims.forEach(function (claim) {
      var row = document.createElement('tr');
      cell(row, claim.reference);
      cell(row, claim.patient);
      cell(row, claim.insurer);
      cell(row, '£' + (claim.amountPence / 100).toFixed(2));
      cell(row, claim.status);
      rows.appendChild(row);
    });
    status.textContent = body.claims.length + ' claims loaded.';
  });
})();
`;
