/**
 * Evaluation and reports: train the learned policies, freeze them, and compare every policy on
 * the same fresh seeded episodes ({@link dev.llmux.router.eval.Evaluation}); print the result as a
 * table or JSON ({@link dev.llmux.router.eval.ReportFormat}) and draw charts ({@link
 * dev.llmux.router.eval.Charts}).
 */
package dev.llmux.router.eval;
