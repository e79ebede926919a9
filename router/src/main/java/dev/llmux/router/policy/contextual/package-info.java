/**
 * Contextual policies: they read the request's text vector ({@code RouteContext.text}) as well as
 * the tabular state, and share what they learn across states through a linear model.
 */
package dev.llmux.router.policy.contextual;
