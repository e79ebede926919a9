/**
 * Tools from outside: tool servers speaking the Model Context Protocol (MCP), configured under
 * {@code "mcpServers"} in {@code llmux.json}, reached through the official MCP Java SDK. Each
 * server tool becomes an agent {@link dev.llmux.agent.tools.Tool} named {@code SERVER_TOOL}.
 */
package dev.llmux.agent.mcp;
