/**
 * The run store: {@link dev.llmux.team.store.RunStore} and its two implementations, files
 * (atomic renames, one process per run) and Valkey/Redis (leases and fencing tokens in Lua
 * scripts, any number of worker processes).
 */
package dev.llmux.team.store;
