/** [MOCK] scripted leads and teammates, for tests and measurements without a model. */
package dev.llmux.team.mock;
