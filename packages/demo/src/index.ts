/** @jobcenter-hub/demo — the demo facts the seeders of several subgraphs (and the scale data) agree on. */
export * as demo from './demo';
