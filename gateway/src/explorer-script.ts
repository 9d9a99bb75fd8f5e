/**
 * The offline explorer's own script (`/explorer/explorer.js`), run by the browser after React, ReactDOM
 * and GraphiQL: reads the page's configuration (the GraphQL endpoint and the saved operations) and
 * renders GraphiQL with one tab per saved operation and the documentation explorer open. Plain ES2017,
 * no build step: it is served as it is written here.
 */
export const EXPLORER_SCRIPT = String.raw`(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('explorer-config').textContent);
  // GraphiQL keeps its tabs in localStorage: under a key of this set of saved operations, so that a
  // changed operations/ folder brings fresh tabs and other GraphiQLs on the same host are not mixed in.
  var key = 'jobcenter-hub-explorer:' + config.examples.map(function (example) {
    return example.name + ':' + example.query.length;
  }).join(',') + ':';
  var storage = {
    getItem: function (name) { return window.localStorage.getItem(key + name); },
    setItem: function (name, value) { window.localStorage.setItem(key + name, value); },
    removeItem: function (name) { window.localStorage.removeItem(key + name); },
    clear: function () {
      Object.keys(window.localStorage).forEach(function (name) {
        if (name.indexOf(key) === 0) window.localStorage.removeItem(name);
      });
    },
    get length() { return window.localStorage.length; },
  };
  var tabs = config.examples.map(function (example) {
    return { query: example.query, variables: example.variables };
  });
  var props = {
    fetcher: GraphiQL.createFetcher({ url: config.endpoint }),
    storage: storage,
    defaultEditorToolsVisibility: 'variables',
    visiblePlugin: 'Documentation Explorer',
  };
  if (tabs.length > 0) props.defaultTabs = tabs;
  else props.defaultQuery = '# No saved operations were found: write a query here.\n{ __typename }\n';
  ReactDOM.createRoot(document.getElementById('explorer')).render(React.createElement(GraphiQL, props));
})();
`;
