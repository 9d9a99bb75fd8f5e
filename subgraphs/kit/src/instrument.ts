/**
 * Imported first by every service's entry point (`import '@jobcenter-hub/kit/instrument'`): starts
 * OpenTelemetry tracing when configured (tracing.ts), before the modules it instruments are loaded.
 */
import { startTracing } from './tracing';

startTracing();
