# CLVTools (0.12.1, from github:bachmannpatrick/CLVTools) on its apparel data with time-varying covariates
# (High.Season weekly, Gender and Channel constant, on both processes): the reference figures of
# test/clv/covariates/apparelDynamic.test.ts. Run with the data of ../shared/data:
#   Rscript scripts/reference/clvtools-apparel-dynamic.R /path/to/shared/data
suppressMessages({ library(CLVTools); library(data.table) })
dir <- commandArgs(trailingOnly = TRUE)[1]
trans <- fread(file.path(dir, "apparelTrans.csv"), colClasses = c(Id = "character"))
dyn <- fread(file.path(dir, "apparelDynCov.csv"), colClasses = c(Id = "character"))
dyn[, Cov.Date := as.Date(Cov.Date)]
clv <- clvdata(trans, date.format = "ymd", time.unit = "week", estimation.split = 40,
               name.id = "Id", name.date = "Date", name.price = "Price")
names <- c("High.Season", "Gender", "Channel")
d <- SetDynamicCovariates(clv, data.cov.life = dyn, data.cov.trans = dyn,
                          names.cov.life = names, names.cov.trans = names,
                          name.id = "Id", name.date = "Cov.Date")
show <- function(label, fit, seconds) {
  cat(label, "\n")
  print(coef(fit), digits = 10)
  cat("logLik", format(as.numeric(logLik(fit)), digits = 12), "\n")
  se <- tryCatch(sqrt(diag(vcov(fit))), error = function(e) NA)
  cat("se\n"); print(se, digits = 6)
  cat("seconds", seconds, "\n")
}
# without start values CLVTools starts from a no-covariate pnbd fit with its default optimiser, which fails
# on these data ("The parameters from the pnbd no covariate model yielded non finite values"): start from
# the no-covariate fit by Nelder-Mead instead, and fit by Nelder-Mead, as for the static covariates
nocov <- pnbd(clv, optimx.args = list(method = "Nelder-Mead"), verbose = FALSE)
cat("nocov start\n"); print(coef(nocov), digits = 10)
t0 <- proc.time()[["elapsed"]]
fitNM <- pnbd(d, start.params.model = coef(nocov),
              optimx.args = list(method = "Nelder-Mead", control = list(maxit = 5000)), verbose = FALSE)
t1 <- proc.time()[["elapsed"]]
show("pnbd dyncov Nelder-Mead", fitNM, t1 - t0)
# predictions of the Nelder-Mead fit over the 52 weeks after the estimation period, first 10 customers
t0 <- proc.time()[["elapsed"]]
pred <- predict(fitNM, prediction.end = 52, predict.spending = FALSE, verbose = FALSE)
t1 <- proc.time()[["elapsed"]]
cat("predict seconds", t1 - t0, "\n")
pred <- pred[order(as.integer(Id))]
print(pred[1:10, .(Id, period.first, period.last, period.length, PAlive, CET)], digits = 12)
# CLVTools' Nelder-Mead from patronage's estimates (test/clv/covariates/apparelDynamic.test.ts): whether
# CLVTools' own likelihood is higher there, and where its search goes from there
ours <- list(model = c(r = 1.9097483, alpha = 127.52143, s = 0.31715118, beta = 77.283918),
             trans = c(High.Season = 0.78075508, Gender = 0.40665648, Channel = 0.82145347),
             life = c(High.Season = 2.6864742, Gender = -0.57033595, Channel = 2.4197611))
t0 <- proc.time()[["elapsed"]]
fromOurs <- pnbd(d, start.params.model = ours$model, start.params.trans = ours$trans,
                 start.params.life = ours$life,
                 optimx.args = list(method = "Nelder-Mead", control = list(maxit = 5000)), verbose = FALSE)
t1 <- proc.time()[["elapsed"]]
show("pnbd dyncov Nelder-Mead from patronage's estimates", fromOurs, t1 - t0)
