export * from './read';
export * from './import';
