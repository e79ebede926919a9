/** Reading llmux's JSON files (catalogs, policies, profiles, settings) with errors that name the file, the JSON path and the fix. */
package dev.llmux.engine.json;
