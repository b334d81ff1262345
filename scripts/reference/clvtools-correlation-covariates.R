# CLVTools (0.12.1, from github:bachmannpatrick/CLVTools) with use.cor = TRUE and static covariates: the
# correlated Pareto/NBD (Glady, Lemmens & Croux 2015) with Gender and Channel on both processes, on its apparel
# data (weeks, 40 weeks of estimation): the reference figures of test/clv/paretoNbd/correlationCovariates.test.ts.
# Run with the data of ../shared/data:
#   Rscript scripts/reference/clvtools-correlation-covariates.R /path/to/shared/data
suppressMessages({ library(CLVTools); library(data.table) })
dir <- commandArgs(trailingOnly = TRUE)[1]
trans <- fread(file.path(dir, "apparelTrans.csv"), colClasses = c(Id = "character"))
cov <- fread(file.path(dir, "apparelStaticCov.csv"), colClasses = c(Id = "character"))
clv <- clvdata(trans, date.format = "ymd", time.unit = "week", estimation.split = 40,
               name.id = "Id", name.date = "Date", name.price = "Price")
static <- SetStaticCovariates(clv, data.cov.life = cov, data.cov.trans = cov,
                              names.cov.life = c("Gender", "Channel"), names.cov.trans = c("Gender", "Channel"),
                              name.id = "Id")
show <- function(label, fit) {
  cat(label, "\n")
  print(coef(fit), digits = 10)
  cat("logLik", format(as.numeric(logLik(fit)), digits = 12), "\n")
  se <- tryCatch(sqrt(diag(vcov(fit))), error = function(e) NA)
  cat("se\n"); print(se, digits = 6)
}
show("pnbd static cor", pnbd(static, use.cor = TRUE, verbose = FALSE))
show("pnbd static cor Nelder-Mead", pnbd(static, use.cor = TRUE, optimx.args = list(method = "Nelder-Mead"), verbose = FALSE))
show("pnbd static cor penalised 1,1 Nelder-Mead", pnbd(static, use.cor = TRUE, reg.lambdas = c(trans = 1, life = 1), optimx.args = list(method = "Nelder-Mead"), verbose = FALSE))
