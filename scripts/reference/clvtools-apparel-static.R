# CLVTools (0.12.1, from github:bachmannpatrick/CLVTools) on its apparel data with static covariates: the
# reference figures of test/clv/covariates/apparel.test.ts. Run with the data of ../shared/data:
#   Rscript scripts/reference/clvtools-apparel-static.R /path/to/shared/data
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
p0 <- pnbd(clv, verbose = FALSE); cat("cbs\n"); print(head(p0@cbs[order(as.integer(Id))], 5), digits = 10); cat("customers", nrow(p0@cbs), "\n")
show("pnbd nocov", p0)
show("pnbd nocov Nelder-Mead", pnbd(clv, optimx.args = list(method = "Nelder-Mead"), verbose = FALSE))
show("pnbd static", pnbd(static, verbose = FALSE))
show("pnbd static Nelder-Mead", pnbd(static, optimx.args = list(method = "Nelder-Mead"), verbose = FALSE))
show("pnbd static penalised 1,1 Nelder-Mead", pnbd(static, reg.lambdas = c(trans = 1, life = 1), optimx.args = list(method = "Nelder-Mead"), verbose = FALSE))
show("pnbd static constrained Gender Nelder-Mead", pnbd(static, names.cov.constr = "Gender", optimx.args = list(method = "Nelder-Mead"), verbose = FALSE))
show("bgnbd nocov", bgnbd(clv, verbose = FALSE))
show("bgnbd static", bgnbd(static, verbose = FALSE))
show("bgnbd static Nelder-Mead", bgnbd(static, optimx.args = list(method = "Nelder-Mead"), verbose = FALSE))
