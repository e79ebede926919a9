/**
 * Internals of the router module, shared by its packages and not part of the API: JSON field
 * reading with errors that name the file and the JSON path, and seed mixing for the simulator and
 * the evaluation.
 */
package dev.llmux.router.internal;
