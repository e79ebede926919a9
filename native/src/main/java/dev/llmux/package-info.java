/** The root of llmux: the exception family every module shares. */
package dev.llmux;
