# her2sim from R: run scenarios and sweeps, get data frames. Base R only (nothing beyond what
# Debian's r-base-core ships). Load with source("R/her2sim.R"); see docs/python.md ("R").
#
#   run <- her2sim_run("configs/quickstart.yaml", seed = 7)
#   run$summary$time_to_progression_days
#   plot(cells ~ time_days, data = run$totals, log = "y", type = "l")
#   trial <- her2sim_sweep("configs/experiments/seq-vs-combo.yaml", replicates = 10)
#   trial$summary[, c("arm", "median_pfs_days")]
#
# The simulator is found through HER2SIM_JAR (a her2sim-VERSION-cli.jar), HER2SIM_HOME (a
# checkout whose ./her2sim launcher builds on first use), the checkout this file lies in, or a
# her2sim command on the PATH.

her2sim_run_tables <- c("timeseries", "totals", "drugs", "events", "mechanisms", "clones")
her2sim_sweep_tables <- c("results", "summary", "comparison")

# this file's folder when it is source()d, to find the checkout it belongs to
her2sim_source_dir <- (function() {
  for (i in rev(seq_len(sys.nframe()))) {
    f <- sys.frame(i)$ofile
    if (!is.null(f)) return(dirname(normalizePath(f)))
  }
  getwd()
})()

# an error of this package: class her2sim_error (and her2sim_config_error for bad input, exit code 2)
her2sim_stop <- function(message, exit_code = 1L) {
  stop(structure(class = c(if (exit_code == 2) "her2sim_config_error", "her2sim_error", "error", "condition"),
                 list(message = message, call = NULL, exit_code = exit_code)))
}

her2sim_command <- function() {
  jar <- Sys.getenv("HER2SIM_JAR")
  if (nzchar(jar)) {
    if (!file.exists(jar)) her2sim_stop(sprintf("HER2SIM_JAR=%s: no such file", jar))
    opts <- strsplit(Sys.getenv("HER2SIM_JAVA_OPTS", "-Xmx4g"), "[[:space:]]+")[[1]]
    return(c("java", "-Djava.awt.headless=true", opts[nzchar(opts)], "-jar", jar))
  }
  home <- Sys.getenv("HER2SIM_HOME")
  if (nzchar(home)) {
    if (!file.exists(file.path(home, "her2sim"))) her2sim_stop(sprintf("HER2SIM_HOME=%s: no her2sim launcher there", home))
    return(file.path(home, "her2sim"))
  }
  d <- her2sim_source_dir
  repeat {
    if (file.exists(file.path(d, "her2sim")) && file.exists(file.path(d, "pom.xml"))) return(file.path(d, "her2sim"))
    parent <- dirname(d)
    if (parent == d) break
    d <- parent
  }
  found <- Sys.which("her2sim")
  if (nzchar(found)) return(unname(found))
  her2sim_stop("cannot find her2sim: set HER2SIM_JAR to her2sim-VERSION-cli.jar or HER2SIM_HOME to a her2sim checkout")
}

# --set arguments from a named list: list(`tumour.initial_cells` = 1000)
her2sim_settings <- function(set) {
  args <- character(0)
  for (path in names(set)) {
    v <- set[[path]]
    text <- if (is.logical(v)) tolower(as.character(v)) else format(v, scientific = FALSE, trim = TRUE)
    args <- c(args, "--set", paste0(path, "=", text))
  }
  args
}

# runs the simulator; an error becomes stop() with the one line it printed
her2sim_execute <- function(args) {
  cmd <- her2sim_command()
  err <- tempfile("her2sim-err-")
  on.exit(unlink(err))
  out <- suppressWarnings(system2(cmd[1], c(cmd[-1], shQuote(args)), stdout = TRUE, stderr = err))
  status <- attr(out, "status")
  if (!is.null(status) && status != 0) {
    said <- readLines(err, warn = FALSE)
    said <- said[nzchar(trimws(said))]
    message <- if (length(said)) sub("^her2sim: ", "", said[length(said)]) else sprintf("her2sim exited with code %d", status)
    her2sim_stop(message, status)
  }
  out
}

her2sim_target <- function(out) {
  if (is.null(out)) {
    d <- tempfile("her2sim-")
    dir.create(d)
    list(dir = d, keep = FALSE)
  } else {
    list(dir = out, keep = TRUE)
  }
}

her2sim_read_tables <- function(dir, names) {
  tables <- lapply(names, function(n) {
    t <- utils::read.csv(file.path(dir, paste0(n, ".csv")), stringsAsFactors = FALSE, check.names = FALSE)
    # the tables write booleans as true/false, which read.csv leaves as text
    for (col in names(t)) {
      v <- t[[col]]
      if (is.character(v) && length(v) > 0 && all(v %in% c("true", "false", NA, ""))) t[[col]] <- ifelse(v == "", NA, v == "true")
    }
    t
  })
  names(tables) <- names
  tables
}

# Runs one scenario. Returns a list: summary (a list, from summary.json), one data frame per
# table (timeseries, totals, drugs, events, mechanisms, clones), config (text) and directory
# (NULL when the run went to a temporary directory, which is removed after reading).
her2sim_run <- function(config, set = list(), seed = NULL, out = NULL, parquet = FALSE) {
  target <- her2sim_target(out)
  if (!target$keep) on.exit(unlink(target$dir, recursive = TRUE))
  args <- c("run", config, "--out", target$dir, "-q", her2sim_settings(set))
  if (!is.null(seed)) args <- c(args, "--seed", format(seed, scientific = FALSE))
  if (parquet) args <- c(args, "--parquet")
  her2sim_execute(args)
  result <- her2sim_read_tables(target$dir, her2sim_run_tables)
  result$summary <- her2sim_parse_json(paste(readLines(file.path(target$dir, "summary.json"), warn = FALSE, encoding = "UTF-8"),
                                             collapse = "\n"))
  result$config <- paste(readLines(file.path(target$dir, "config.yaml"), warn = FALSE, encoding = "UTF-8"), collapse = "\n")
  result["directory"] <- list(if (target$keep) target$dir else NULL)  # listed even when NULL
  result
}

# Runs a sweep. Returns a list: results (one row per virtual patient), summary (per arm and
# point), comparison (each arm against the reference) and directory.
her2sim_sweep <- function(spec, replicates = NULL, threads = NULL, set = list(), out = NULL, resume = FALSE) {
  target <- her2sim_target(out)
  if (!target$keep) on.exit(unlink(target$dir, recursive = TRUE))
  args <- c("sweep", spec, "--out", target$dir, "-q", her2sim_settings(set))
  if (!is.null(replicates)) args <- c(args, "--replicates", as.integer(replicates))
  if (!is.null(threads)) args <- c(args, "--threads", as.integer(threads))
  if (resume) args <- c(args, "--resume")
  her2sim_execute(args)
  result <- her2sim_read_tables(target$dir, her2sim_sweep_tables)
  result["directory"] <- list(if (target$keep) target$dir else NULL)
  result
}

# A small JSON reader (objects become named lists, arrays lists, null NULL): base R has none.
her2sim_parse_json <- function(text) {
  chars <- strsplit(text, "")[[1]]
  n <- length(chars)
  pos <- 1L
  skip <- function() {
    while (pos <= n && chars[pos] %in% c(" ", "\n", "\r", "\t")) pos <<- pos + 1L
  }
  fail <- function(what) stop(sprintf("summary.json: %s at character %d", what, pos), call. = FALSE)
  value <- function() {
    skip()
    if (pos > n) fail("unexpected end")
    ch <- chars[pos]
    if (ch == "{") {
      pos <<- pos + 1L
      out <- list()
      skip()
      if (chars[pos] == "}") { pos <<- pos + 1L; return(structure(list(), names = character(0))) }
      repeat {
        skip()
        key <- string()
        skip()
        if (chars[pos] != ":") fail("expected ':'")
        pos <<- pos + 1L
        v <- value()
        out[key] <- list(v)
        skip()
        if (chars[pos] == ",") { pos <<- pos + 1L; next }
        if (chars[pos] == "}") { pos <<- pos + 1L; return(out) }
        fail("expected ',' or '}'")
      }
    }
    if (ch == "[") {
      pos <<- pos + 1L
      out <- list()
      skip()
      if (chars[pos] == "]") { pos <<- pos + 1L; return(out) }
      repeat {
        out[length(out) + 1L] <- list(value())
        skip()
        if (chars[pos] == ",") { pos <<- pos + 1L; next }
        if (chars[pos] == "]") { pos <<- pos + 1L; return(out) }
        fail("expected ',' or ']'")
      }
    }
    if (ch == "\"") return(string())
    for (word in c("true", "false", "null")) {
      if (paste(chars[pos:min(n, pos + nchar(word) - 1L)], collapse = "") == word) {
        pos <<- pos + nchar(word)
        return(switch(word, true = TRUE, false = FALSE, null = NULL))
      }
    }
    start <- pos
    while (pos <= n && grepl("[-+0-9.eE]", chars[pos])) pos <<- pos + 1L
    if (pos == start) fail("unexpected character")
    as.numeric(paste(chars[start:(pos - 1L)], collapse = ""))
  }
  string <- function() {
    if (chars[pos] != "\"") fail("expected a string")
    pos <<- pos + 1L
    buf <- character(0)
    while (pos <= n && chars[pos] != "\"") {
      if (chars[pos] == "\\") {
        pos <<- pos + 1L
        e <- chars[pos]
        if (e == "u") {
          buf <- c(buf, intToUtf8(strtoi(paste(chars[(pos + 1L):(pos + 4L)], collapse = ""), 16L)))
          pos <<- pos + 4L
        } else {
          buf <- c(buf, switch(e, n = "\n", t = "\t", r = "\r", b = "\b", f = "\f", e))
        }
      } else {
        buf <- c(buf, chars[pos])
      }
      pos <<- pos + 1L
    }
    if (pos > n) fail("unterminated string")
    pos <<- pos + 1L
    paste(buf, collapse = "")
  }
  v <- value()
  skip()
  if (pos <= n) fail("text after the value")
  v
}
