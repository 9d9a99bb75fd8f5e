export * from './read';
export * from './import';
export * from './ensure';
