/** The router: policies pick a backend for each request or agent step and learn from outcomes. */
package dev.llmux.router;
