# The R side of bench/detect.ts: one detector of R `surveillance` on every column of a CSV of weekly counts (one
# column per series, one row per week), all series in one `sts`, with the exact control of
# ../shared/anchors/surveillance/README.md. Only the detector's call is timed. Writes the alarms (one column per
# series, one row per monitored week; empty = NA) and prints {"seconds": …} on stdout.
#
#   Rscript bench/detect.R farrington-noufaily|ears-c3 COUNTS.csv FROM TO ALARMS.csv

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 5) {
  stop("usage: Rscript detect.R farrington-noufaily|ears-c3 COUNTS.csv FROM TO ALARMS.csv")
}
method <- args[1]
counts <- as.matrix(read.csv(args[2], check.names = FALSE))
monitored <- as.integer(args[3]):as.integer(args[4])
suppressPackageStartupMessages(library(surveillance))
x <- sts(observed = counts, start = c(2001, 1), frequency = 52)

detect <- switch(method,
  "farrington-noufaily" = function() {
    farringtonFlexible(x, control = list(
      range = monitored, b = 5, w = 3, reweight = TRUE, verbose = FALSE, glmWarnings = FALSE, alpha = 0.05,
      trend = TRUE, limit54 = c(5, 4), powertrans = "2/3", fitFun = "algo.farrington.fitGLM.flexible",
      populationOffset = FALSE, weightsThreshold = 2.58, pThresholdTrend = 1, noPeriods = 10,
      pastWeeksNotIncluded = 26, thresholdMethod = "nbPlugin"
    ))
  },
  "ears-c3" = function() {
    earsC(x, control = list(range = monitored, method = "C3", baseline = 7, minSigma = 0, alpha = 0.025))
  },
  stop(paste("unknown method", method))
)

seconds <- system.time(result <- detect())[["elapsed"]]
write.csv(alarms(result), args[5], row.names = FALSE, na = "")
cat(sprintf("{\"seconds\": %.6f, \"series\": %d, \"weeks\": %d}\n", seconds, ncol(counts), length(monitored)))
