/**
 * Internals of the router module, shared by its packages and not part of the API: seed mixing for
 * the simulator and the evaluation, the one reader of JSON-lines inputs.
 */
package dev.llmux.router.internal;
