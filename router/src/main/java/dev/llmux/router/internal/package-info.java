/**
 * Internals of the router module: JSON field reading with errors that name the file and the JSON
 * path, and atomic file writes. Not part of the public API.
 */
package dev.llmux.router.internal;
