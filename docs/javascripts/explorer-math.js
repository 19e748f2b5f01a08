/* The math of the interactive explorers, in the browser: a line-by-line port of the functions of
   figures_src/sparsity that the explorers need. tests/math/test_explorer_math.py runs this file in
   Node.js and checks every function against the Python at thousands of points, exact zeros included.
   Conventions as on every page: squared loss with no 1/2 and no 1/n; penalty strength lambda >= 0 (one symbol on every page). */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api; // Node.js (the tests)
  else root.SparsityMath = api; // the browser (explorer.js)
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // --- chapter 3: one coefficient (figures_src/sparsity/one_feature.py) ------------------------

  /** S(z, t) = sign(z) max(|z| - t, 0): exactly 0 for |z| <= t. */
  function softThreshold(z, t) {
    return Math.sign(z) * Math.max(Math.abs(z) - t, 0) + 0; // + 0 turns -0 into 0
  }

  /** Ridge coefficient sxy / (sxx + lambda) minimizing sum (y - x b)^2 + lambda b^2. */
  function ridge1d(sxy, sxx, lam) {
    return sxy / (sxx + lam) + 0;
  }

  /** Lasso coefficient S(sxy, lambda/2) / sxx minimizing sum (y - x b)^2 + lambda |b|. */
  function lasso1d(sxy, sxx, lam) {
    return softThreshold(sxy, lam / 2) / sxx + 0;
  }

  /** Penalized loss syy - 2 b sxy + b^2 sxx + lambda pen(b), pen = |b| ("l1") or b^2 ("l2"). */
  function objective1d(beta, sxy, sxx, syy, lam, penalty) {
    var pen = penalty === "l1" ? Math.abs(beta) : beta * beta;
    return syy - 2 * beta * sxy + beta * beta * sxx + lam * pen;
  }

  // --- chapter 6: the derivative threshold (figures_src/sparsity/threshold.py) ----------------

  /** Whether 0 minimizes L + lambda |w| in a coordinate whose loss slope at 0 is g. */
  function zeroIsOptimal(g, lam) {
    return Math.abs(g) <= lam;
  }

  // --- chapter 5: the geometry (figures_src/sparsity/constrained.py) --------------------------

  /** (w - c)^T H (w - c) for 2-vectors w, c and a symmetric 2x2 H given as [[a, b], [b, d]]. */
  function quadraticLoss(w, c, H) {
    var d0 = w[0] - c[0];
    var d1 = w[1] - c[1];
    return d0 * (H[0][0] * d0 + H[0][1] * d1) + d1 * (H[1][0] * d0 + H[1][1] * d1);
  }

  /** Eigenvalues (ascending) and unit eigenvectors (columns of Q) of a symmetric 2x2 matrix. */
  function eigh(H) {
    var a = H[0][0];
    var b = H[0][1];
    var d = H[1][1];
    var mean = (a + d) / 2;
    var radius = Math.hypot((a - d) / 2, b);
    var values = [mean - radius, mean + radius];
    if (b === 0) {
      return a <= d ? { values: [a, d], Q: [[1, 0], [0, 1]] } : { values: [d, a], Q: [[0, 1], [1, 0]] };
    }
    var vectors = values.map(function (value) {
      // (H - value I) v = 0: v = (b, value - a), or (value - d, b), whichever is the longer
      var v = Math.abs(value - a) > Math.abs(value - d) ? [b, value - a] : [value - d, b];
      var length = Math.hypot(v[0], v[1]);
      return [v[0] / length, v[1] / length];
    });
    return { values: values, Q: [[vectors[0][0], vectors[1][0]], [vectors[0][1], vectors[1][1]]] };
  }

  function lpNorm(c, norm) {
    return norm === 1 ? Math.abs(c[0]) + Math.abs(c[1]) : Math.hypot(c[0], c[1]);
  }

  /** Exact minimizer of (w - c)^T H (w - c) subject to ||w||_norm <= t (norm 1 or 2).

      L1: the best of the diamond's four corners and of the minimizers on its four edges; a solution
      at a corner has its other coordinate exactly 0. L2: the point (H + mu I)^-1 H c on the circle,
      mu >= 0 found by bisection down to adjacent floating-point numbers. */
  function constrainedMinimum(c, H, norm, t) {
    if (norm !== 1 && norm !== 2) throw new Error("norm must be 1 or 2, got " + norm);
    if (!(t >= 0)) throw new Error("t must be >= 0, got " + t);
    if (lpNorm(c, norm) <= t) return [c[0] + 0, c[1] + 0];
    if (t === 0) return [0, 0];
    var w = norm === 1 ? onDiamond(c, H, t) : onCircle(c, H, t);
    return [w[0] + 0, w[1] + 0];
  }

  function onDiamond(c, H, t) {
    var corners = [[t, 0], [0, t], [-t, 0], [0, -t]];
    var candidates = corners.slice();
    for (var k = 0; k < 4; k++) {
      var start = corners[k];
      var end = corners[(k + 1) % 4];
      var d = [end[0] - start[0], end[1] - start[1]];
      var offset = [start[0] - c[0], start[1] - c[1]];
      var s = -bilinear(d, H, offset) / bilinear(d, H, d);
      s = Math.min(Math.max(s, 0), 1); // a clipped edge minimizer is a corner, with an exact 0
      if (s === 0) candidates.push(start);
      else if (s === 1) candidates.push(end);
      else candidates.push([start[0] + s * d[0], start[1] + s * d[1]]);
    }
    var best = 0;
    var bestValue = Infinity;
    for (var i = 0; i < candidates.length; i++) {
      var value = quadraticLoss(candidates[i], c, H);
      if (value < bestValue) {
        best = i;
        bestValue = value;
      }
    }
    return candidates[best];
  }

  function bilinear(u, H, v) {
    return u[0] * (H[0][0] * v[0] + H[0][1] * v[1]) + u[1] * (H[1][0] * v[0] + H[1][1] * v[1]);
  }

  function onCircle(c, H, t) {
    var e = eigh(H);
    var d = [e.Q[0][0] * c[0] + e.Q[1][0] * c[1], e.Q[0][1] * c[0] + e.Q[1][1] * c[1]]; // Q^T c
    function radius(mu) {
      return Math.hypot((e.values[0] * d[0]) / (e.values[0] + mu), (e.values[1] * d[1]) / (e.values[1] + mu));
    }
    var lo = 0; // radius(lo) > t: the centre lies outside the disc
    var hi = (Math.max(e.values[0], e.values[1]) * Math.hypot(c[0], c[1])) / t; // radius(hi) <= t
    for (var step = 0; step < 2000; step++) {
      var mid = (lo + hi) / 2;
      if (mid <= lo || mid >= hi) break;
      if (radius(mid) > t) lo = mid;
      else hi = mid;
    }
    var u = [(e.values[0] * d[0]) / (e.values[0] + hi), (e.values[1] * d[1]) / (e.values[1] + hi)];
    return [e.Q[0][0] * u[0] + e.Q[0][1] * u[1], e.Q[1][0] * u[0] + e.Q[1][1] * u[1]]; // Q u
  }

  /** The level set (w - c)^T H (w - c) = level as an ellipse: centre, semi-axes along the
      eigenvectors of H (rx along the first, ry along the second) and the first one's angle. */
  function levelEllipse(c, H, level) {
    var e = eigh(H);
    return {
      cx: c[0],
      cy: c[1],
      rx: Math.sqrt(level / e.values[0]),
      ry: Math.sqrt(level / e.values[1]),
      angle: Math.atan2(e.Q[1][0], e.Q[0][0]), // radians, of the first eigenvector
    };
  }

  return {
    softThreshold: softThreshold,
    ridge1d: ridge1d,
    lasso1d: lasso1d,
    objective1d: objective1d,
    zeroIsOptimal: zeroIsOptimal,
    quadraticLoss: quadraticLoss,
    eigh: eigh,
    constrainedMinimum: constrainedMinimum,
    levelEllipse: levelEllipse,
  };
});
