# CLVTools (0.12.1, from github:bachmannpatrick/CLVTools) with use.cor = TRUE: the correlated Pareto/NBD
# (Glady, Lemmens & Croux 2015) on its apparel data (weeks, 40 weeks of estimation) and on the CDNOW sample
# (weeks, estimation to 1997-09-30), the reference figures of test/clv/paretoNbd/correlationData.test.ts.
# Run with the data of ../shared/data:
#   Rscript scripts/reference/clvtools-correlation.R /path/to/shared/data
suppressMessages({ library(CLVTools); library(data.table) })
dir <- commandArgs(trailingOnly = TRUE)[1]
show <- function(label, fit) {
  cat(label, "\n")
  print(coef(fit), digits = 10)
  cat("logLik", format(as.numeric(logLik(fit)), digits = 12), "\n")
  se <- tryCatch(sqrt(diag(vcov(fit))), error = function(e) NA)
  cat("se\n"); print(se, digits = 6)
}
apparel <- fread(file.path(dir, "apparelTrans.csv"), colClasses = c(Id = "character"))
clv.apparel <- clvdata(apparel, date.format = "ymd", time.unit = "week", estimation.split = 40,
                       name.id = "Id", name.date = "Date", name.price = "Price")
show("apparel pnbd", pnbd(clv.apparel, verbose = FALSE))
show("apparel pnbd cor", pnbd(clv.apparel, use.cor = TRUE, verbose = FALSE))
show("apparel pnbd cor Nelder-Mead", pnbd(clv.apparel, use.cor = TRUE, optimx.args = list(method = "Nelder-Mead"), verbose = FALSE))

cdnow <- fread(file.path(dir, "CDNOW_sample.txt"), header = FALSE, colClasses = "character")
cdnow <- data.table(Id = cdnow$V2, Date = as.Date(cdnow$V3, "%Y%m%d"), Price = as.numeric(cdnow$V5))
clv.cdnow <- clvdata(cdnow, date.format = "ymd", time.unit = "week", estimation.split = "1997-09-30",
                     name.id = "Id", name.date = "Date", name.price = "Price")
p0 <- pnbd(clv.cdnow, verbose = FALSE)
cat("cdnow cbs\n"); print(head(p0@cbs[order(as.integer(Id))], 5), digits = 10); cat("customers", nrow(p0@cbs), "\n")
show("cdnow pnbd", p0)
show("cdnow pnbd cor", pnbd(clv.cdnow, use.cor = TRUE, verbose = FALSE))
show("cdnow pnbd cor Nelder-Mead", pnbd(clv.cdnow, use.cor = TRUE, optimx.args = list(method = "Nelder-Mead"), verbose = FALSE))
