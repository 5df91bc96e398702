import { describe, expect, it } from 'vitest';
import { bradleyTerry, winProbability } from '../../src/stats/bradley-terry.js';

/**
 * References computed independently with R 4.2.2: the Bradley–Terry model as a logistic regression
 * on the paired design (one row per pair i<j, response cbind(wins_ij, wins_ji), covariates x_i = 1,
 * x_j = −1, the reference item's column dropped, no intercept), i.e.
 *   glm(cbind(w_ij, w_ji) ~ X - 1, family = binomial)
 * coef() and sqrt(diag(vcov())) to 15 digits, with glm.control(epsilon = 1e-15, maxit = 200) (the
default epsilon 1e-8 leaves the fractional-count fit's se off in the 7th digit). The sum-to-zero figures are the same fit mapped by
 * C = I − J/k (C β and sqrt(diag(C V Cᵀ))). Ties as half a win each are fractional counts, which glm
 * fits by the same likelihood (it warns "non-integer #successes"). The script is in the test below.
 */
const W = [
  [0, 7, 9, 4],
  [3, 0, 6, 5],
  [2, 4, 0, 6],
  [6, 5, 3, 0],
];

function fitted(r: ReturnType<typeof bradleyTerry>) {
  if (r.value === null) throw new Error(r.reason);
  return r;
}

describe('bradleyTerry', () => {
  it('matches R glm with the first item as reference', () => {
    const r = fitted(bradleyTerry(W, { reference: 0 }));
    const beta = [0, -0.549313675159618, -0.743170989923197, -0.491950845446753];
    const se = [0, 0.4587248299624, 0.45915901223286, 0.46068219594665];
    r.value.forEach((it, i) => {
      expect(it.logStrength).toBeCloseTo(beta[i]!, 8);
      expect(it.se).toBeCloseTo(se[i]!, 8);
      expect(it.ci95[0]).toBeCloseTo(beta[i]! - 1.959963984540054 * se[i]!, 8);
    });
    expect(r.identification).toEqual({ reference: 0 });
    expect(r.value.map((x) => x.comparisons)).toEqual([10 + 11 + 10, 10 + 10 + 10, 11 + 10 + 9, 10 + 10 + 9]);
  });

  it('matches R glm with another reference, and the log-likelihood without the binomial constants', () => {
    const r = fitted(bradleyTerry(W, { reference: 1 }));
    const beta = [0.5493136751596185, 0, -0.1938573147635785, 0.0573628297128652];
    const se = [0.4587248299624, 0, 0.454882942738603, 0.454682707964043];
    r.value.forEach((it, i) => {
      expect(it.logStrength).toBeCloseTo(beta[i]!, 8);
      expect(it.se).toBeCloseTo(se[i]!, 8);
    });
    // logLik(glm) = -10.6511809689022, minus Σ lchoose(n_ij, w_ij): -40.1004668447064
    expect(r.logLikelihood).toBeCloseTo(-40.1004668447064, 8);
  });

  it('sum-to-zero log-strengths (the default) are the centred fit with C V Cᵀ standard errors', () => {
    const r = fitted(bradleyTerry(W));
    const beta = [0.446108877632392, -0.103204797527226, -0.2970621122908047, -0.0458419678143612];
    const se = [0.28191741897399, 0.277718156060685, 0.281659620705338, 0.282200074511886];
    r.value.forEach((it, i) => {
      expect(it.logStrength).toBeCloseTo(beta[i]!, 8);
      expect(it.se).toBeCloseTo(se[i]!, 8);
    });
    expect(r.value.reduce((s, x) => s + x.logStrength, 0)).toBeCloseTo(0, 12);
    expect(r.identification).toBe('sum-to-zero');
    // Fitted P(item 0 beats item 1) = 1 / (1 + e^(β1 − β0))
    expect(winProbability(r.value[0]!.logStrength, r.value[1]!.logStrength)).toBeCloseTo(1 / (1 + Math.exp(-0.549313675159618)), 10);
  });

  it('ties counted as half a win each: fractional counts match R glm (reference item 2)', () => {
    const W2 = [
      [0, 3.5, 2, 1.5, 4],
      [2.5, 0, 2.5, 3, 1],
      [1, 1.5, 0, 2, 2.5],
      [0.5, 2, 1, 0, 1.5],
      [1, 0, 0.5, 0.5, 0],
    ];
    const r = fitted(bradleyTerry(W2, { reference: 2 }));
    const beta = [0.520380268724341, 0.270892593870912, 0, -0.364598312050694, -1.346150766426571];
    const se = [0.735488157783162, 0.694426895940636, 0, 0.757093068201352, 0.898729885239152];
    r.value.forEach((it, i) => {
      expect(it.logStrength).toBeCloseTo(beta[i]!, 9);
      expect(it.se).toBeCloseTo(se[i]!, 9);
    });
  });

  it('two items: the fit is the win share, log(w / l) apart, se sqrt(1/w + 1/l)', () => {
    const r = fitted(bradleyTerry([[0, 12], [4, 0]], { reference: 1 }));
    expect(r.value[0]!.logStrength).toBeCloseTo(Math.log(3), 10);
    expect(r.value[0]!.se).toBeCloseTo(Math.sqrt(1 / 12 + 1 / 4), 10);
    expect(winProbability(r.value[0]!.logStrength, 0)).toBeCloseTo(0.75, 10);
  });

  it('no finite estimate when an item never lost, never won, or never played: a reason, not Infinity', () => {
    const undefeated = bradleyTerry([[0, 3, 2], [0, 0, 1], [0, 1, 0]]);
    expect(undefeated).toEqual({ value: null, reason: expect.stringContaining('item 0 never lost') });
    const winless = bradleyTerry([[0, 3, 2], [1, 0, 1], [0, 0, 0]]);
    expect(winless).toEqual({ value: null, reason: expect.stringContaining('item 2 never won') });
    const alone = bradleyTerry([[0, 1, 0], [1, 0, 0], [0, 0, 0]]);
    expect(alone).toEqual({ value: null, reason: expect.stringContaining('item 2 has no comparisons') });
    // Two groups {0,1} and {2,3}: every item won and lost, but 0/1 never lost to 2/3.
    const split = bradleyTerry([[0, 1, 1, 0], [1, 0, 0, 1], [0, 0, 0, 1], [0, 0, 1, 0]]);
    expect(split).toEqual({ value: null, reason: expect.stringContaining('groups') });
    expect(bradleyTerry([[0]])).toEqual({ value: null, reason: expect.stringContaining('at least two') });
  });

  it('malformed input is a caller bug', () => {
    expect(() => bradleyTerry([[0, 1], [1]])).toThrow(RangeError);
    expect(() => bradleyTerry([[0, -1], [1, 0]])).toThrow(RangeError);
    expect(() => bradleyTerry(W, { reference: 4 })).toThrow(RangeError);
  });
});

/*
R 4.2.2 script for the figures above:
  fit <- function(W, ref) {
    k <- nrow(W); rows <- list()
    for (i in 1:(k-1)) for (j in (i+1):k) if (W[i,j]+W[j,i] > 0) {
      x <- rep(0,k); x[i] <- 1; x[j] <- -1; rows[[length(rows)+1]] <- c(W[i,j], W[j,i], x) }
    D <- do.call(rbind, rows); X <- D[, -(1:2)][, -ref, drop=FALSE]
    m <- glm(cbind(D[,1], D[,2]) ~ X - 1, family=binomial, control=glm.control(epsilon=1e-15, maxit=200))
    list(coef=coef(m), se=sqrt(diag(vcov(m))), vcov=vcov(m), ll=as.numeric(logLik(m))) }
  f <- fit(W, 1); b <- c(0, f$coef); V <- matrix(0,4,4); V[2:4,2:4] <- f$vcov
  C <- diag(4) - matrix(1/4,4,4); C %*% b; sqrt(diag(C %*% V %*% t(C)))
*/
