# The R functions against the real simulator: Rscript R/tests/test-her2sim.R (from the checkout).
source("R/her2sim.R")
checks <- 0L
check <- function(ok, what) {
  if (!isTRUE(ok)) stop("FAILED: ", what, call. = FALSE)
  checks <<- checks + 1L
}

# a run: the summary and every table of its directory
out <- file.path(tempfile("her2sim-r-"), "run")
dir.create(dirname(out))
r <- her2sim_run("configs/quickstart.yaml", seed = 7, out = out)
check(identical(r$directory, out), "the kept directory")
check(r$summary$seed == 7 && r$summary$scenario == "quickstart", "summary fields")
check(r$summary$best_response %in% c("PR", "CR"), "the quickstart patient responds")
check(is.null(r$summary$extinction_time_days), "null stays NULL")
check(is.list(r$summary$lines) && r$summary$lines[[1]]$line == 1, "nested objects and arrays")
for (t in her2sim_run_tables) {
  on_disk <- read.csv(file.path(out, paste0(t, ".csv")), check.names = FALSE)
  check(nrow(r[[t]]) == nrow(on_disk) && identical(names(r[[t]]), names(on_disk)), paste("table", t))
}
check(nrow(r$totals) > 100, "observed daily")
check(is.logical(r$totals$treating) && any(r$totals$treating), "true/false become logical")
check(is.numeric(r$totals$cells), "numbers stay numbers")
# summary.json's numbers are the ones the tables hold
check(r$summary$final_cells == r$totals$cells[nrow(r$totals)], "final cells agree")

# same seed, same numbers; the temporary directory is removed
before <- list.files(tempdir(), pattern = "^her2sim-[^r]")
a <- her2sim_run("configs/textbook/extinction.yaml", seed = 11, set = list(`tumour.initial_cells` = 20))
b <- her2sim_run("configs/textbook/extinction.yaml", seed = 11, set = list(`tumour.initial_cells` = 20))
check(identical(a$totals, b$totals), "same seed, same table")
check(a$totals$cells[1] == 20, "the setting was applied")
check(is.null(a$directory) && "directory" %in% names(a), "no directory kept, and the element says so")
check(identical(list.files(tempdir(), pattern = "^her2sim-[^r]"), before), "nothing left behind")

# errors: stop() with the simulator's one line, classed by exit code
e <- tryCatch(her2sim_run("configs/quickstart.yaml", set = list(`tumour.initial_cells` = "many")), error = function(e) e)
check(inherits(e, "her2sim_config_error") && e$exit_code == 2, "bad input is a config error")
check(grepl("tumour.initial_cells", conditionMessage(e), fixed = TRUE) && !grepl("\n", conditionMessage(e)), "one line naming the field")
e <- tryCatch(her2sim_run("configs/no-such.yaml"), error = function(e) e)
check(inherits(e, "her2sim_error") && grepl("no-such.yaml", conditionMessage(e), fixed = TRUE), "a missing file is named")

# a sweep: three data frames, one row per patient; the survival package (r-recommended) is not needed
spec <- tempfile("her2sim-r-", fileext = ".yaml")
writeLines(c("name: r-study", paste0("base: ", normalizePath("configs/textbook/extinction.yaml")), "seed: 3", "replicates: 30",
             "arms:", "  slow-death: {biology.explicit.0.death_per_day: 0.5}", "  fast-death: {biology.explicit.0.death_per_day: 0.9}"),
           spec)
s <- her2sim_sweep(spec, threads = 2)
check(nrow(s$results) == 60, "60 patients")
check(identical(s$summary$arm, c("slow-death", "fast-death")), "one summary row per arm")
check(is.logical(s$results$extinct), "extinct is logical")
# d/b = 0.5 against 0.9 with 30 lineages per arm: the difference of extinct fractions (0.4
# expected) has SD sqrt(.25/30 + .09/30) = 0.106, so it is positive with 3.8 SD to spare
ext <- tapply(s$results$extinct, s$results$arm, mean)
check(ext[["fast-death"]] > ext[["slow-death"]], "faster death, more extinction")
e <- tryCatch(her2sim_sweep(tempfile(fileext = ".yaml")), error = function(e) e)
check(inherits(e, "her2sim_config_error"), "a missing sweep file is a config error")

old <- Sys.getenv("HER2SIM_JAR")
Sys.setenv(HER2SIM_JAR = "/no/such.jar")
e <- tryCatch(her2sim_run("configs/quickstart.yaml"), error = function(e) e)
Sys.setenv(HER2SIM_JAR = old)
check(inherits(e, "her2sim_error") && grepl("/no/such.jar", conditionMessage(e), fixed = TRUE), "a missing program is a her2sim_error")

cat(sprintf("her2sim R functions: %d checks passed\n", checks))
