# Writes the labelled sets r-cran-mlbench and r-cran-kernlab ship (GPL-2; the data are UCI's) as CSV for tstar:
# factor features become their numeric value (or level index), the class becomes the column 'label'. Called by
# scripts/fetch-data.sh real; argument: the folder to write.
library(mlbench); library(kernlab)
out <- commandArgs(TRUE)[1]
one <- function(name, pkg, label, file = tolower(name)) {
  e <- new.env(); data(list = name, package = pkg, envir = e); d <- get(name, envir = e)
  y <- d[[label]]; x <- d[, setdiff(names(d), label), drop = FALSE]
  for (col in names(x)) {
    v <- x[[col]]
    if (is.factor(v)) {
      n <- suppressWarnings(as.numeric(as.character(v)))
      x[[col]] <- if (all(!is.na(n[!is.na(v)]))) n else as.integer(v) - 1L
    }
  }
  keep <- complete.cases(x) & !is.na(y)
  cat(name, nrow(d), "rows,", sum(!keep), "with NA dropped,", ncol(x), "features,", nlevels(factor(y)), "classes\n")
  x <- x[keep, , drop = FALSE]; y <- y[keep]
  names(x) <- make.names(names(x), unique = TRUE)
  x$label <- as.character(y)
  file <- file.path(out, paste0(file, ".csv"))
  # written beside, then renamed: a killed fetch never leaves a short CSV that looks complete
  write.csv(x, paste0(file, ".part"), row.names = FALSE, quote = TRUE)
  invisible(file.rename(paste0(file, ".part"), file))
}
one("Sonar", "mlbench", "Class")
one("Vehicle", "mlbench", "Class")
one("Vowel", "mlbench", "Class")
one("Glass", "mlbench", "Type")
one("Satellite", "mlbench", "classes")
one("Ionosphere", "mlbench", "Class")
one("DNA", "mlbench", "Class")
one("LetterRecognition", "mlbench", "lettr", "letter")
one("PimaIndiansDiabetes", "mlbench", "diabetes", "pima")
one("spam", "kernlab", "type")
one("musk", "kernlab", "Class")
