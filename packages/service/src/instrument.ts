/**
 * Imported first by every service's entry point (`import '@jobcenter-hub/service/instrument'`): starts
 * OpenTelemetry tracing when configured (tracing.ts), before the modules it instruments are loaded.
 */
import { startTracing } from './tracing';

startTracing();
