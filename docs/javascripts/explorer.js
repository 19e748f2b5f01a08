/* The interactive explorers of chapters 3, 5, 6 and 8: sliders over a plot that the browser redraws.

   Every number comes from explorer-math.js, the port of figures_src/sparsity that
   tests/math/test_explorer_math.py checks against the Python, or, for chapter 8's paths on real
   data, from the library itself: the figure module's explorer_data(), computed at build time and
   written into the container's data-values attribute (figures_src/site/explorer_data.py). The starting values are the ones of the
   chapter's static figure, written into the page as data attributes (tests/browser/test_explorer.py checks
   them against the figure scripts). Without JavaScript the container stays hidden and the static
   figure above it carries the argument alone. Material's instant navigation swaps pages without a
   reload, so the explorers are built on every new page. */
(function () {
  "use strict";
  var M = window.SparsityMath;
  var SVG = "http://www.w3.org/2000/svg";
  var serial = 0;

  // --- small DOM helpers --------------------------------------------------------------------------

  function svg(parent, name, attrs) {
    var node = document.createElementNS(SVG, name);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(node);
    return node;
  }

  function html(parent, tag, attrs, text) {
    var node = document.createElement(tag);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function numbers(text) {
    return text.trim().split(/[\s,]+/).map(Number);
  }

  var MINUS = "\u2212";
  var NAME_ROOM = 16; // plot units left of x = 0 for the turned name of the vertical axis
  var NAME_X = -2; // where that name's baseline runs

  /** A value as the readouts show it: an exact 0 as "0", others to three decimals, tiny ones in
      scientific notation (so that a small number never passes for a zero). */
  function formatNumber(x) {
    if (x === 0) return "0";
    var size = Math.abs(x);
    var text = size >= 0.0005 ? size.toFixed(3) : size.toExponential(1).replace("e-", "e" + MINUS);
    return (x < 0 ? MINUS : "") + text;
  }

  /** A number of a readout; an exact zero is marked (and said to be exact, for screen readers). */
  function value(parent, x) {
    var node = html(parent, "span", { class: "explorer__value", "data-value": String(x) }, formatNumber(x));
    if (x === 0) {
      node.classList.add("explorer__zero");
      html(node, "span", { class: "explorer__sr" }, " (exactly zero)");
    }
    return node;
  }

  /** Text in which the variables, written *g*, are set in KaTeX's math italic as on the page. */
  function text(parent, content) {
    content.split(/\*([^*]+)\*/).forEach(function (part, i) {
      if (i % 2) html(parent, "var", { class: "explorer__var" }, part);
      else if (part) parent.appendChild(document.createTextNode(part));
    });
  }

  /** A short line in the penalty's colour and dash, as in the figures: the readout is the legend. */
  function swatch(parent, kind) {
    var icon = svg(parent, "svg", { class: "explorer__swatch", viewBox: "0 0 28 10", "aria-hidden": "true" });
    svg(icon, "line", { x1: 1, y1: 5, x2: 27, y2: 5, class: "explorer__line--" + kind });
  }

  /** Plot coordinates: data (x, y) to SVG units inside a box, y upwards. */
  function frame(left, top, width, height, xRange, yRange) {
    return {
      left: left,
      top: top,
      width: width,
      height: height,
      x: function (v) {
        return left + ((v - xRange[0]) / (xRange[1] - xRange[0])) * width;
      },
      y: function (v) {
        return top + ((yRange[1] - v) / (yRange[1] - yRange[0])) * height;
      },
      sx: width / (xRange[1] - xRange[0]), // SVG units per data unit
      xRange: xRange,
      yRange: yRange,
    };
  }

  function points(f, data) {
    return data
      .map(function (p) {
        return f.x(p[0]).toFixed(2) + "," + f.y(p[1]).toFixed(2);
      })
      .join(" ");
  }

  /** Axes as the figures draw them: spines on the left and at the bottom of the plot box, ticks and
      their labels outside it (0 included), thin zero lines inside, the axis names centred along
      their axes, the vertical one turned (the plot has room for it left of x = 0, see layout). An
      axis name is upright text with its variables in math italic: "fitted coefficient *β*". */
  function axisName(element, content) {
    // *x* is a variable (math italic), _i after it a subscript, as the figures' mathtext sets them
    content.split(/(\*[^*]+\*|_\w)/).forEach(function (part) {
      if (!part) return;
      if (part[0] === "*") svg(element, "tspan", { class: "explorer__label-var" }).textContent = part.slice(1, -1);
      else if (part[0] === "_") svg(element, "tspan", { class: "explorer__label-sub", dy: "0.25em" }).textContent = part[1];
      else element.appendChild(document.createTextNode(part));
      if (part[0] === "_") svg(element, "tspan", { dy: "-0.25em" }).textContent = "\u200a"; // back to the baseline
    });
  }

  function axes(root, f, ticks, labels) {
    var group = svg(root, "g", { class: "explorer__axes" });
    var bottom = f.top + f.height;
    var right = f.left + f.width;
    var inside = function (range) {
      return range[0] < 0 && 0 < range[1];
    };
    if (inside(f.xRange)) svg(group, "line", { class: "explorer__zero-line", x1: f.x(0), x2: f.x(0), y1: f.top, y2: bottom });
    if (inside(f.yRange)) svg(group, "line", { class: "explorer__zero-line", x1: f.left, x2: right, y1: f.y(0), y2: f.y(0) });
    svg(group, "line", { x1: f.left, x2: right, y1: bottom, y2: bottom });
    svg(group, "line", { x1: f.left, x2: f.left, y1: f.top, y2: bottom });
    var withZero = function (list, range) {
      return inside(range) && list.indexOf(0) < 0 ? list.concat([0]).sort(function (a, b) { return a - b; }) : list;
    };
    withZero(ticks[0], f.xRange).forEach(function (t) {
      svg(group, "line", { x1: f.x(t), x2: f.x(t), y1: bottom, y2: bottom + 4 });
      svg(group, "text", { x: f.x(t), y: bottom + 17, "text-anchor": "middle" }).textContent =
        String(t).replace("-", MINUS);
    });
    withZero(ticks[1], f.yRange).forEach(function (t) {
      svg(group, "line", { x1: f.left - 4, x2: f.left, y1: f.y(t), y2: f.y(t) });
      svg(group, "text", { x: f.left - 7, y: f.y(t) + 4, "text-anchor": "end" }).textContent =
        String(t).replace("-", MINUS);
    });
    axisName(svg(group, "text", { x: f.left + f.width / 2, y: bottom + 38, "text-anchor": "middle", class: "explorer__label" }), labels[0]);
    var middle = f.top + f.height / 2;
    var symbol = labels[1].replace(/[*_]/g, "").length <= 2; // one symbol is read upright, as in the figures
    axisName(
      svg(group, "text", symbol
        ? { x: NAME_X + 2, y: middle + 5, "text-anchor": "middle", class: "explorer__label" }
        : { x: NAME_X, y: middle, "text-anchor": "middle", transform: "rotate(-90 " + NAME_X + " " + middle + ")", class: "explorer__label" }),
      labels[1]
    );
    return group;
  }

  /** A labelled slider with its value beside it (also the screen reader's text, after ``spoken``).
      ``onInput``: the reader moved it; ``onChange``: its value changed in any way (also by set). */
  function slider(parent, options, onInput, onChange) {
    var id = "explorer-" + ++serial;
    var row = html(parent, "div", { class: "explorer__control" });
    var label = html(row, "label", { for: id });
    label.innerHTML = options.label;
    var input = html(row, "input", {
      type: "range",
      id: id,
      min: options.min,
      max: options.max,
      step: options.step,
      "data-control": options.name,
    });
    input.value = options.value;
    var shown = html(row, "output", { for: id, "aria-hidden": "true" });
    var show = options.show || formatNumber; // what the number beside it says (chapter 8: λ itself)
    function sync() {
      var v = Number(input.value);
      shown.textContent = show(v);
      input.setAttribute("aria-valuetext", options.spoken + " " + show(v));
      onChange();
    }
    input.addEventListener("input", function () {
      sync();
      onInput();
    });
    sync();
    return {
      name: options.name,
      input: input,
      get: function () {
        return Number(input.value);
      },
      set: function (v) {
        input.value = v;
        sync();
      },
      initial: options.value,
    };
  }

  /** The shared frame of an explorer: the plot, a box for the controls and the live readout. */
  function layout(container, plotSize, description) {
    var body = html(container, "div", { class: "explorer__body" });
    var plot = svg(body, "svg", {
      class: "explorer__plot",
      viewBox: -NAME_ROOM + " 0 " + (plotSize[0] + NAME_ROOM) + " " + plotSize[1], // room for the turned axis name
      role: "img",
      "aria-label": description,
    });
    var side = html(body, "div", { class: "explorer__panel" });
    var controls = html(side, "div", { class: "explorer__controls" });
    var readout = html(side, "div", { class: "explorer__readout", "aria-live": "polite", "aria-atomic": "true" });
    return { plot: plot, controls: controls, readout: readout };
  }

  /** The controls of one explorer: its sliders, a Reset button (back to the chapter's figure) and a
      link to the current setting. ``finish()`` applies a setting named in the address and draws. */
  function panel(container, parent, update) {
    var sliders = [];
    var share = null;
    function changed() {
      if (!share) return;
      share.link.href = settingAddress(container, sliders);
      share.status.textContent = ""; // "Copied" was about the setting before this one
    }
    return {
      slider: function (options) {
        var made = slider(parent, options, update, changed);
        sliders.push(made);
        return made;
      },
      finish: function () {
        var actions = html(parent, "div", { class: "explorer__actions" });
        var reset = html(actions, "button", { type: "button", class: "md-button explorer__reset" }, "Reset");
        reset.addEventListener("click", function () {
          sliders.forEach(function (s) {
            s.set(s.initial);
          });
          update();
        });
        share = shareLink(actions);
        var preset = addressedSetting();
        sliders.forEach(function (s) {
          if (Object.prototype.hasOwnProperty.call(preset, s.name)) s.set(preset[s.name]);
        });
        changed();
        update();
      },
    };
  }

  /** This page's address with the sliders' values as query parameters and the explorer as target. */
  function settingAddress(container, sliders) {
    var url = new URL(location.href);
    url.search = sliders
      .map(function (s) {
        return encodeURIComponent(s.name) + "=" + encodeURIComponent(s.input.value);
      })
      .join("&");
    url.hash = container.id;
    return url.href;
  }

  /** The values the page's address gives this explorer: query parameters named like its sliders,
      numbers only (the slider then keeps them in its range and on its steps). The fragment only
      scrolls: Material's navigation.tracking rewrites it as the reader scrolls, and the setting
      must survive that. (A page has one explorer; their sliders' names differ.) Chapter 6's penalty
      strength was called beta until it took the site's one symbol, lambda: old links still work. */
  function addressedSetting() {
    var found = {};
    new URLSearchParams(location.search).forEach(function (raw, name) {
      var number = Number(raw);
      if (name === "beta") name = "lambda";
      if (raw.trim() !== "" && isFinite(number)) found[name] = number;
    });
    return found;
  }

  /** A link to the current setting, and a status line. A plain click puts the link in the address
      bar and on the clipboard; "copy link" and new-tab clicks work on it as on any link. */
  function shareLink(parent) {
    var link = html(parent, "a", { class: "explorer__share", "data-share": "" }, "Link to this setting");
    var status = html(parent, "span", { class: "explorer__status", role: "status" });
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      event.stopPropagation(); // not a page change for Material's instant navigation
      history.replaceState(history.state, "", link.href);
      var say = function (message) {
        status.textContent = message;
      };
      var copied = "Copied; the address bar shows it too.";
      var shown = "The address bar now shows the link.";
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(link.href).then(
          function () {
            say(copied);
          },
          function () {
            say(shown);
          }
        );
      } else {
        say(shown);
      }
    });
    return { link: link, status: status };
  }

  function row(readout, kind) {
    var line = html(readout, "p", { class: "explorer__row", "data-row": kind });
    if (kind === "l1" || kind === "l2" || kind === "ols") swatch(line, kind);
    return line;
  }

  /** A readout line for one coefficient: "Lasso: beta = 0 (marked), exactly zero." */
  function solutionRow(readout, kind, label, x, note) {
    var line = row(readout, kind);
    text(line, label);
    html(line, "span", { "data-solution": kind }).appendChild(value(null, x));
    text(line, note);
  }

  /** A group for the curves, clipped to the plot box f so that they stop at its edge. */
  function clipped(root, f) {
    var id = "explorer-clip-" + ++serial;
    svg(svg(root, "clipPath", { id: id }), "rect", { x: f.left, y: f.top, width: f.width, height: f.height });
    return svg(root, "g", { "clip-path": "url(#" + id + ")" });
  }

  /** The two optimum markers, shaped as in the figures: L1 a disc (drawn on top), L2 a square. */
  function optimumMarkers(root) {
    return {
      l2: svg(root, "rect", { class: "explorer__marker--l2", width: 11, height: 11 }),
      l1: svg(root, "circle", { class: "explorer__marker--l1", r: 6 }),
    };
  }

  function place(markers, f, l1, l2) {
    markers.l1.setAttribute("cx", f.x(l1[0]));
    markers.l1.setAttribute("cy", f.y(l1[1]));
    markers.l2.setAttribute("x", f.x(l2[0]) - 5.5);
    markers.l2.setAttribute("y", f.y(l2[1]) - 5.5);
  }

  function pair(parent, w) {
    text(parent, "(");
    value(parent, w[0]);
    text(parent, ", ");
    value(parent, w[1]);
    text(parent, ")");
  }

  // --- chapter 5: the diamond and the disc ------------------------------------------------------

  var LEVELS = [0.05, 0.2, 0.45, 2.0, 3.0]; // the muted contours of Figure 5.2

  function geometry(container) {
    var H0 = numbers(container.dataset.hessian);
    var H = [[H0[0], H0[1]], [H0[2], H0[3]]];
    var center0 = numbers(container.dataset.center);
    var parts = layout(
      container,
      [360, 384],
      "Loss contours, the L1 diamond and the L2 disc of radius t, and both constrained optima; their coordinates are in the readout."
    );
    var f = frame(36, 22, 316, 316, [-2.7, 2.7], [-2.7, 2.7]); // one scale on both axes: circles stay round
    var root = parts.plot;
    var drawing = clipped(root, f);
    var axesGroup = null;
    var dragging = false;
    var contours = LEVELS.map(function () {
      return svg(drawing, "ellipse", { class: "explorer__contour" });
    });
    var touching = {
      l1: svg(drawing, "ellipse", { class: "explorer__line--l1 explorer__thin" }),
      l2: svg(drawing, "ellipse", { class: "explorer__line--l2 explorer__thin" }),
    };
    var diamond = svg(drawing, "polygon", { class: "explorer__line--l1", "data-shape": "diamond" });
    var disc = svg(drawing, "circle", { class: "explorer__line--l2", "data-shape": "disc" });
    var centre = svg(drawing, "path", { class: "explorer__centre" });
    var handle = svg(root, "circle", { class: "explorer__handle", r: 16 });
    var markers = optimumMarkers(root);

    var controls = panel(container, parts.controls, update);
    var t = controls.slider({
      name: "t",
      label: "Constraint size <var class=\"explorer__var\">t</var>",
      spoken: "t",
      min: 0,
      max: 5,
      step: 0.01,
      value: Number(container.dataset.t),
    });
    var c1 = controls.slider({
      name: "c1",
      label: "Unconstrained optimum, <var class=\"explorer__var\">w</var><sub>1</sub>",
      spoken: "unconstrained w1",
      min: -2.5,
      max: 2.5,
      step: 0.05,
      value: center0[0],
    });
    var c2 = controls.slider({
      name: "c2",
      label: "Unconstrained optimum, <var class=\"explorer__var\">w</var><sub>2</sub>",
      spoken: "unconstrained w2",
      min: -2.5,
      max: 2.5,
      step: 0.05,
      value: center0[1],
    });

    /** The box [xmin, xmax, ymin, ymax] around an ellipse. */
    function box(e) {
      var cos = Math.cos(e.angle);
      var sin = Math.sin(e.angle);
      var hx = Math.hypot(e.rx * cos, e.ry * sin);
      var hy = Math.hypot(e.rx * sin, e.ry * cos);
      return [e.cx - hx, e.cx + hx, e.cy - hy, e.cy + hy];
    }

    function inside(b, g) {
      return b[0] >= g.xRange[0] && b[1] <= g.xRange[1] && b[2] >= g.yRange[0] && b[3] <= g.yRange[1];
    }

    var SIDES = [3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32];

    /** Frame the plot on what it shows: the origin, both balls, the unconstrained optimum and the two
        contours through the optima, in a square of one of a few sizes with ends on a grid. The frame
        stays while all of that fits and fills more than half of it, and never moves under a finger
        dragging the optimum, so the axes change rarely. */
    function reframe(c, size, solutions) {
      var b = [Math.min(0, -size, c[0]), Math.max(0, size, c[0]), Math.min(0, -size, c[1]), Math.max(0, size, c[1])];
      ["l1", "l2"].forEach(function (kind) {
        var level = M.quadraticLoss(solutions[kind], c, H);
        if (!(level > 0)) return;
        var e = box(M.levelEllipse(c, H, level));
        b = [Math.min(b[0], e[0]), Math.max(b[1], e[1]), Math.min(b[2], e[2]), Math.max(b[3], e[3])];
      });
      var need = Math.max(b[1] - b[0], b[3] - b[2]);
      var pad = 0.04 * need + 0.1;
      var padded = [b[0] - pad, b[1] + pad, b[2] - pad, b[3] + pad];
      if (axesGroup && inside(padded, f) && f.xRange[1] - f.xRange[0] <= 2 * need) return;
      var chosen = null;
      SIDES.some(function (side) {
        var step = side <= 6 ? 1 : side <= 12 ? 2 : 4;
        var grid = step / 2;
        var ends = [padded[0], padded[2]].map(function (low, i) {
          var high = padded[2 * i + 1];
          var start = Math.floor(((low + high) / 2 - side / 2) / grid) * grid; // centred, on the grid
          if (start > low) start = Math.floor(low / grid) * grid;
          if (start + side < high) start = Math.ceil(high / grid) * grid - side;
          return start <= low && start + side >= high ? start : null;
        });
        if (ends[0] === null || ends[1] === null) return false;
        chosen = { x: [ends[0], ends[0] + side], y: [ends[1], ends[1] + side], step: step };
        return true;
      });
      if (!chosen) chosen = { x: [-16, 16], y: [-16, 16], step: 4 };
      f = frame(36, 22, 316, 316, chosen.x, chosen.y);
      var ticks = [chosen.x, chosen.y].map(function (range) {
        var list = [];
        for (var k = Math.ceil(range[0] / chosen.step) * chosen.step; k < range[1]; k += chosen.step) {
          if (k > range[0] && k !== 0) list.push(k);
        }
        return list;
      });
      if (axesGroup) axesGroup.remove();
      axesGroup = axes(root, f, ticks, ["*w*_1", "*w*_2"]);
      root.insertBefore(axesGroup, root.firstChild); // under the drawing
    }

    function ellipse(node, level, c, whole) {
      var e = level > 0 ? M.levelEllipse(c, H, level) : null;
      if (!e || (whole && !inside(box(e), f))) {
        node.setAttribute("visibility", "hidden"); // a muted contour is drawn whole or not at all
        return;
      }
      node.removeAttribute("visibility");
      node.setAttribute("cx", f.x(e.cx));
      node.setAttribute("cy", f.y(e.cy));
      node.setAttribute("rx", e.rx * f.sx);
      node.setAttribute("ry", e.ry * f.sx);
      node.setAttribute("transform", "rotate(" + (-e.angle * 180) / Math.PI + " " + f.x(e.cx) + " " + f.y(e.cy) + ")");
    }

    function where(w, c) {
      if (w[0] === c[0] && w[1] === c[1]) return "the unconstrained optimum: the constraint does not bind";
      if (w[0] === 0 && w[1] === 0) return "both weights exactly zero";
      if (w[1] === 0) return "on the *w*\u2081 axis: *w*\u2082 is exactly zero";
      if (w[0] === 0) return "on the *w*\u2082 axis: *w*\u2081 is exactly zero";
      return "off both axes: no weight is zero";
    }

    function update() {
      var c = [c1.get(), c2.get()];
      var size = t.get();
      var solutions = { l1: M.constrainedMinimum(c, H, 1, size), l2: M.constrainedMinimum(c, H, 2, size) };
      if (!dragging) reframe(c, size, solutions);
      LEVELS.forEach(function (level, i) {
        ellipse(contours[i], level, c, true);
      });
      ["l1", "l2"].forEach(function (kind) {
        var w = solutions[kind];
        ellipse(touching[kind], M.quadraticLoss(w, c, H), c);
      });
      diamond.setAttribute("points", points(f, [[size, 0], [0, size], [-size, 0], [0, -size]]));
      disc.setAttribute("cx", f.x(0));
      disc.setAttribute("cy", f.y(0));
      disc.setAttribute("r", size * f.sx);
      var x = f.x(c[0]);
      var y = f.y(c[1]);
      centre.setAttribute("d", "M" + (x - 7) + " " + y + "h14M" + x + " " + (y - 7) + "v14");
      handle.setAttribute("cx", x);
      handle.setAttribute("cy", y);
      place(markers, f, solutions.l1, solutions.l2);

      var out = parts.readout;
      out.textContent = "";
      out.dataset.state = JSON.stringify({ t: size, center: c, l1: solutions.l1, l2: solutions.l2 });
      [
        ["l1", "L1 optimum, on the diamond: "],
        ["l2", "L2 optimum, on the disc: "],
      ].forEach(function (item) {
        var line = row(out, item[0]);
        text(line, item[1]);
        var w = solutions[item[0]];
        var numbersNode = html(line, "span", { "data-solution": item[0] });
        pair(numbersNode, w);
        text(line, ", " + where(w, c) + ".");
      });
      var norms = row(out, "norms");
      text(norms, "Unconstrained optimum ");
      pair(norms, c);
      text(norms, ": its L1 norm is ");
      value(norms, Math.abs(c[0]) + Math.abs(c[1]));
      text(norms, " and its L2 norm ");
      value(norms, Math.hypot(c[0], c[1]));
      text(norms, "; a *t* at least as large leaves that ball's optimum unconstrained.");
    }

    // Drag the unconstrained optimum (mouse, pen or touch); the sliders move with it.
    function drag(event) {
      var matrix = root.getScreenCTM();
      if (!matrix) return;
      var p = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
      var wx = f.xRange[0] + (p.x - f.left) / f.sx;
      var wy = f.yRange[1] - (p.y - f.top) / f.sx;
      c1.set(Math.round(Math.min(Math.max(wx, -2.5), 2.5) / 0.05) * 0.05);
      c2.set(Math.round(Math.min(Math.max(wy, -2.5), 2.5) / 0.05) * 0.05);
      update();
    }
    // Browsers ignore touch-action on SVG shapes: a finger on the handle must not start a scroll
    // (which would cancel the drag), while a finger elsewhere on the plot still scrolls the page.
    handle.addEventListener(
      "touchstart",
      function (event) {
        event.preventDefault();
      },
      { passive: false }
    );
    handle.addEventListener("pointerdown", function (event) {
      dragging = true;
      handle.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    handle.addEventListener("pointermove", function (event) {
      if (dragging) drag(event);
    });
    ["pointerup", "pointercancel"].forEach(function (type) {
      handle.addEventListener(type, function () {
        if (!dragging) return;
        dragging = false;
        update(); // the frame catches up once the finger is off
      });
    });
    controls.finish();
  }

  // --- chapter 3: soft thresholding and ridge shrinkage -----------------------------------------

  function oneCoefficient(container) {
    var sxx = Number(container.dataset.sxx);
    var parts = layout(
      container,
      [360, 334],
      "The fitted coefficient against the sum of x times y for least squares, ridge and the lasso, with the lasso's dead zone shaded; values in the readout."
    );
    var f = frame(34, 24, 316, 262, [-3, 3], [-3, 3]);
    var root = parts.plot;
    var band = svg(root, "rect", { class: "explorer__band", y: f.top, height: f.height });
    axes(root, f, [[-3, -2, -1, 1, 2, 3], [-2, -1, 1, 2]], ["\u03a3_i *x*_i*y*_i", "fitted coefficient *\u03b2*"]);
    var drawing = clipped(root, f);
    var curves = {
      ols: svg(drawing, "polyline", { class: "explorer__line--ols" }),
      l2: svg(drawing, "polyline", { class: "explorer__line--l2" }),
      l1: svg(drawing, "polyline", { class: "explorer__line--l1" }),
    };
    var probe = svg(drawing, "line", { class: "explorer__probe", y1: f.top, y2: f.top + f.height });
    var markers = optimumMarkers(root);
    var controls = panel(container, parts.controls, update);
    var lam = controls.slider({
      name: "lambda",
      label: "Penalty strength \u03bb",
      spoken: "lambda",
      min: 0,
      max: 6,
      step: 0.05,
      value: Number(container.dataset.lambda),
    });
    var sxy = controls.slider({
      name: "sxy",
      label: "Your data's \u03a3<sub>i</sub> <var class=\"explorer__var\">x</var><sub>i</sub><var class=\"explorer__var\">y</var><sub>i</sub>",
      spoken: "sum of x y",
      min: -3,
      max: 3,
      step: 0.05,
      value: Number(container.dataset.sxy),
    });

    function update() {
      var l = lam.get();
      var z = sxy.get();
      var half = l / 2;
      var ends = f.xRange;
      var edge = Math.min(half, ends[1]); // the dead zone's edge, as far as the plot shows it
      band.setAttribute("x", f.x(-edge));
      band.setAttribute("width", f.x(edge) - f.x(-edge));
      curves.ols.setAttribute("points", points(f, ends.map(function (x) { return [x, x / sxx]; })));
      curves.l2.setAttribute("points", points(f, ends.map(function (x) { return [x, M.ridge1d(x, sxx, l)]; })));
      curves.l1.setAttribute(
        "points",
        points(f, [ends[0], -edge, edge, ends[1]].map(function (x) { return [x, M.lasso1d(x, sxx, l)]; }))
      );
      var fitted = { l1: M.lasso1d(z, sxx, l), l2: M.ridge1d(z, sxx, l), ols: z / sxx };
      probe.setAttribute("x1", f.x(z));
      probe.setAttribute("x2", f.x(z));
      place(markers, f, [z, fitted.l1], [z, fitted.l2]);

      var out = parts.readout;
      out.textContent = "";
      out.dataset.state = JSON.stringify({ lambda: l, sxy: z, sxx: sxx, l1: fitted.l1, l2: fitted.l2 });
      var zone = row(out, "zone");
      text(zone, "Dead zone: |\u03a3 *x*\u1d62*y*\u1d62| \u2264 *\u03bb*/2 = ");
      value(zone, half);
      text(zone, M.zeroIsOptimal(-2 * z, l) ? "; your data are inside it." : "; your data are outside it.");
      solutionRow(out, "l1", "Lasso: *\u03b2* = ", fitted.l1, fitted.l1 === 0 ? ", exactly zero." : ", shrunk by *\u03bb*/2 towards zero.");
      solutionRow(
        out,
        "l2",
        "Ridge: *\u03b2* = ",
        fitted.l2,
        fitted.l2 === 0 ? ", exactly zero (only because \u03a3 x\u1d62y\u1d62 = 0)." : ", shrunk by a factor, never to zero."
      );
      solutionRow(out, "ols", "Least squares: *\u03b2* = ", fitted.ols, ".");
    }
    controls.finish();
  }

  // --- chapter 6: the derivative threshold ------------------------------------------------------

  function threshold(container) {
    var a = Number(container.dataset.curvature);
    var parts = layout(
      container,
      [360, 386],
      "Penalized loss near w = 0 for the L1 and the squared penalty, with their minimizers, and the loss slope g on a line beside the interval from minus lambda to lambda; values in the readout."
    );
    var f = null;
    var HEIGHT = 1.5;
    var strip = frame(34, 332, 316, 20, [-3, 3], [0, 1]); // its name clear of the axis name above
    var root = parts.plot;
    var drawing = clipped(root, frame(34, 24, 316, 226, [0, 1], [0, 1]));
    var axesGroup = null;

    /** Frame the loss on its minimizers: the lower of the two minima sits just above the bottom of
        the box, in steps of 0.5 so that the axis moves rarely; the height stays 1.5 units, Figure 6.1's
        (a deeper box would squash both minima against its floor). */
    function reframe(lowest) {
      var bottom = Math.floor((lowest - 0.2) * 2) / 2;
      if (f && f.yRange[0] === bottom) return;
      f = frame(34, 24, 316, 226, [-1.6, 1.6], [bottom, bottom + HEIGHT]);
      var ticks = [];
      for (var k = Math.ceil(bottom * 2) / 2; k <= bottom + HEIGHT + 1e-9; k += 0.5) if (k !== 0) ticks.push(k);
      if (axesGroup) axesGroup.remove();
      axesGroup = axes(root, f, [[-1.5, -1, -0.5, 0.5, 1, 1.5], ticks], ["weight *w*", "penalized loss \u2212 value at 0"]);
      root.insertBefore(axesGroup, root.firstChild);
    }
    var curves = {
      l2: svg(drawing, "polyline", { class: "explorer__line--l2" }),
      l1: svg(drawing, "polyline", { class: "explorer__line--l1" }),
    };
    var markers = optimumMarkers(root);
    // the slope g on its own line, with the interval [-lambda, lambda] that the corner absorbs
    var band = svg(root, "rect", { class: "explorer__band", y: strip.top, height: strip.height });
    svg(root, "line", { class: "explorer__axis-strip", x1: strip.left, x2: strip.left + strip.width, y1: strip.y(0.5), y2: strip.y(0.5) });
    [-3, -2, -1, 0, 1, 2, 3].forEach(function (tick) {
      svg(root, "text", { x: strip.x(tick), y: strip.top + strip.height + 15, "text-anchor": "middle", class: "explorer__tick" })
        .textContent = String(tick).replace("-", MINUS);
    });
    axisName(
      svg(root, "text", { x: strip.left, y: strip.top - 18, class: "explorer__label" }),
      "loss slope *g* at 0, and the interval [\u2212\u03bb, \u03bb]"
    );
    var gMarker = svg(root, "path", { class: "explorer__g" });

    var controls = panel(container, parts.controls, update);
    var g = controls.slider({
      name: "g",
      label: "Loss slope at zero, <var class=\"explorer__var\">g</var>",
      spoken: "g",
      min: -3,
      max: 3,
      step: 0.05,
      value: Number(container.dataset.g),
    });
    var lam = controls.slider({
      name: "lambda",
      label: "Penalty strength \u03bb",
      spoken: "lambda",
      min: 0,
      max: 2.5,
      step: 0.05,
      value: Number(container.dataset.lambda),
    });

    function update() {
      var slope = g.get();
      var b = lam.get();
      var sxy = -slope / 2; // L(w) = g w + a w^2 is objective1d with syy = 0, sxy = -g/2, sxx = a
      var best = { l1: M.lasso1d(sxy, a, b), l2: M.ridge1d(sxy, a, b) };
      reframe(Math.min(M.objective1d(best.l1, sxy, a, 0, b, "l1"), M.objective1d(best.l2, sxy, a, 0, b, "l2")));
      ["l1", "l2"].forEach(function (penalty) {
        var data = [];
        for (var i = -160; i <= 160; i++) {
          var w = i / 100;
          data.push([w, M.objective1d(w, sxy, a, 0, b, penalty)]);
        }
        curves[penalty].setAttribute("points", points(f, data));
      });
      place(
        markers,
        f,
        [best.l1, M.objective1d(best.l1, sxy, a, 0, b, "l1")],
        [best.l2, M.objective1d(best.l2, sxy, a, 0, b, "l2")]
      );
      band.setAttribute("x", strip.x(-b));
      band.setAttribute("width", strip.x(b) - strip.x(-b));
      var gx = strip.x(slope);
      gMarker.setAttribute("d", "M" + gx + " " + strip.top + "l-6 -9h12z M" + gx + " " + strip.top + "v" + strip.height);

      var out = parts.readout;
      out.textContent = "";
      out.dataset.state = JSON.stringify({ g: slope, lambda: b, curvature: a, l1: best.l1, l2: best.l2 });
      var test = row(out, "threshold");
      var pinned = M.zeroIsOptimal(slope, b);
      text(test, "|*g*| = ");
      value(test, Math.abs(slope));
      text(test, pinned ? " \u2264 *\u03bb* = " : " > *\u03bb* = ");
      value(test, b);
      text(test, pinned ? ": the corner absorbs the slope." : ": the slope beats the corner.");
      solutionRow(out, "l1", "L1 minimizer: *w* = ", best.l1, best.l1 === 0 ? ", pinned at exactly zero." : ", off zero by (|*g*| \u2212 *\u03bb*)/2.");
      solutionRow(out, "l2", "Squared penalty minimizer: *w* = ", best.l2, best.l2 === 0 ? ", zero only because *g* = 0." : ", off zero whenever *g* \u2260 0.");
    }
    controls.finish();
  }

  // --- chapter 8: lasso and ridge paths on the diabetes data -------------------------------------

  /** A tick step of 1, 2, 2.5 or 5 times a power of ten that cuts ``range`` into about four. */
  function tickStep(range) {
    var rough = range / 4;
    var power = Math.pow(10, Math.floor(Math.log10(rough)));
    var factor = [1, 2, 2.5, 5, 10].filter(function (m) { return m * power >= rough; })[0];
    return factor * power;
  }

  function ticksOf(range, step) {
    var list = [];
    for (var k = Math.ceil(range[0] / step); k * step <= range[1]; k++) if (k !== 0) list.push(k * step);
    return list;
  }

  /** Four significant digits, as the page quotes λ: 1899, 60.05, 2.191. */
  function fourDigits(x) {
    return Number(x.toPrecision(4)).toString();
  }

  /** λ_max as the page sets it: the variable in math italic, "max" as a subscript. */
  function lambdaMax(parent) {
    html(parent, "var", { class: "explorer__var" }, "\u03bb");
    html(parent, "sub", {}, "max");
  }

  function paths(container) {
    var data = JSON.parse(container.dataset.values); // the library's numbers, written in at build time
    var names = data.features;
    var last = data.decades.length - 1;
    var STEP = data.decades[last] / last;
    var parts = layout(
      container,
      [360, 404],
      "Lasso (top) and ridge (bottom) coefficient paths of the diabetes data against lambda on a log scale, a vertical line at the chosen lambda and the coefficients there; their values are in the table."
    );
    var root = parts.plot;
    var xRange = [0, data.decades[last]];
    var panels = [
      { kind: "l1", values: data.lasso, top: 24, name: "lasso weight", title: "lasso (solid)" },
      { kind: "l2", values: data.ridge, top: 212, name: "ridge weight", title: "ridge (dashed), on its own scale" },
    ];
    var probe = null;
    panels.forEach(function (panel) {
      var low = 0;
      var high = 0;
      panel.values.forEach(function (row) {
        row.forEach(function (w) {
          low = Math.min(low, w);
          high = Math.max(high, w);
        });
      });
      var pad = 0.06 * (high - low);
      panel.f = frame(40, panel.top, 310, 132, xRange, [low - pad, high + pad]);
      var bottomPanel = panel.kind === "l2";
      axes(root, panel.f, [[], ticksOf(panel.f.yRange, tickStep(high - low))], [bottomPanel ? "penalty strength \u03bb (log scale)" : "", panel.name]);
      var lines = clipped(root, panel.f);
      names.forEach(function (name, j) {
        var line = panel.values.map(function (row, k) { return [data.decades[k], row[j]]; });
        svg(lines, "polyline", { class: "explorer__line--" + panel.kind + " explorer__path", "data-feature": name, points: points(panel.f, line) });
      });
      svg(root, "text", { x: panel.f.left, y: panel.f.top - 7, class: "explorer__panel-name" }).textContent = panel.title;
    });
    var bottom = panels[1].f;
    // the λ axis: ticks at round values of λ, under both panels, labelled under the lower one
    [1000, 100, 10].forEach(function (lam) {
      var d = Math.log10(data.lambda_max / lam);
      if (d < xRange[0] || d > xRange[1]) return;
      panels.forEach(function (panel) {
        var y = panel.f.top + panel.f.height;
        svg(root, "line", { class: "explorer__tick-mark", x1: panel.f.x(d), x2: panel.f.x(d), y1: y, y2: y + 4 });
      });
      svg(root, "text", { x: bottom.x(d), y: bottom.top + bottom.height + 17, "text-anchor": "middle" }).textContent = String(lam);
    });
    probe = svg(root, "line", { class: "explorer__probe", y1: panels[0].f.top, y2: bottom.top + bottom.height });
    // the markers at the chosen λ: discs and squares under, exact-zero rings and ridge's zeros on top
    var markers = { l1: svg(root, "g", {}), l2: svg(root, "g", {}) };
    var rings = svg(root, "g", {});
    var notes = { l1: svg(root, "text", { class: "explorer__note", "data-note": "l1" }), l2: svg(root, "text", { class: "explorer__note", "data-note": "l2" }) };
    // ridge's exact zeros: the only λ in this range at which a ridge coefficient is 0, between two steps
    var crossings = [];
    data.ridge_zeros.forEach(function (list, j) {
      list.forEach(function (lam) {
        crossings.push({ name: names[j], lambda: lam });
        var x = bottom.x(Math.log10(data.lambda_max / lam));
        var right = x > bottom.left + bottom.width / 2;
        svg(root, "rect", { class: "explorer__crossing", x: x - 4.5, y: bottom.y(0) - 4.5, width: 9, height: 9, "data-feature": names[j] });
        svg(root, "text", { x: right ? x - 7 : x, y: bottom.y(0) - 9, "text-anchor": right ? "end" : "middle", class: "explorer__tick" }).textContent = names[j];
      });
    });

    var controls = panel(container, parts.controls, update);
    var position = controls.slider({
      name: "decades",
      label: "Penalty strength \u03bb, from \u03bb<sub>max</sub> down to \u03bb<sub>max</sub>/1000",
      spoken: "lambda",
      min: 0,
      max: xRange[1],
      step: STEP,
      value: Number(container.dataset.decades),
      show: function (v) {
        return fourDigits(data.lambdas[Math.round(v / STEP)]);
      },
    });

    // the table of all ten coefficients, outside the live region (which says only what changed)
    var table = html(parts.readout.parentNode, "table", { class: "explorer__table" });
    var head = html(html(table, "thead", {}), "tr", {});
    html(head, "th", { scope: "col" }, "feature");
    [["l1", "lasso"], ["l2", "ridge"]].forEach(function (column) {
      var cell = html(head, "th", { scope: "col" });
      swatch(cell, column[0]);
      cell.appendChild(document.createTextNode(column[1]));
    });
    var body = html(table, "tbody", {});
    var cells = names.map(function (name) {
      var line = html(body, "tr", { "data-feature": name });
      html(line, "th", { scope: "row" }, name);
      return { l1: html(line, "td", { "data-solution": "l1" }), l2: html(line, "td", { "data-solution": "l2" }) };
    });

    /** A note beside the markers at x: in the panel's upper half if the markers crowd the lower. */
    function note(node, f, x, content) {
      var right = x > f.left + f.width / 2;
      node.setAttribute("x", right ? x - 8 : x + 8);
      node.setAttribute("y", f.y(0) > f.top + f.height / 2 ? f.top + 16 : f.top + f.height - 8);
      node.setAttribute("text-anchor", right ? "end" : "start");
      node.textContent = content;
    }

    function update() {
      var k = Math.round(position.get() / STEP);
      var d = data.decades[k];
      var lam = data.lambdas[k];
      var x = panels[0].f.x(d);
      probe.setAttribute("x1", x);
      probe.setAttribute("x2", x);
      rings.textContent = "";
      var zeroNames = [];
      panels.forEach(function (panel) {
        var group = markers[panel.kind];
        group.textContent = "";
        panel.values[k].forEach(function (w, j) {
          var y = panel.f.y(w);
          if (panel.kind === "l1" && w === 0) {
            zeroNames.push(names[j]);
            svg(rings, "circle", { class: "explorer__marker--zero", cx: x, cy: y, r: 5.5 });
          } else if (panel.kind === "l1") {
            svg(group, "circle", { class: "explorer__marker--l1", cx: x, cy: y, r: 3.5 });
          } else {
            svg(group, "rect", { class: "explorer__marker--l2", x: x - 3, y: y - 3, width: 6, height: 6 });
          }
          var cell = cells[j][panel.kind];
          cell.textContent = "";
          value(cell, w);
        });
      });
      var zeros = zeroNames.length;
      note(
        notes.l1,
        panels[0].f,
        x,
        zeros === 0 ? "none exactly 0" : zeros <= 2 ? zeroNames.join(", ") + " exactly 0" : zeros + " weights exactly 0"
      );
      var ridgeZeros = data.ridge[k].filter(function (w) { return w === 0; }).length;
      note(notes.l2, bottom, x, ridgeZeros ? ridgeZeros + " exactly 0" : "none exactly 0");

      var out = parts.readout;
      out.textContent = "";
      out.dataset.state = JSON.stringify({ decades: d, lambda: lam, index: k });
      var at = row(out, "lambda");
      text(at, "*\u03bb* = ");
      html(at, "span", { class: "explorer__value", "data-value": String(lam) }, fourDigits(lam));
      text(at, " (");
      lambdaMax(at);
      text(at, " = " + fourDigits(data.lambda_max) + ").");
      var lasso = row(out, "l1");
      text(lasso, "Lasso: " + zeros + " of " + names.length + " coefficients exactly zero" + (zeros ? " (the ring; marked in the table)." : "."));
      var ridge = row(out, "l2");
      text(ridge, "Ridge: " + (ridgeZeros ? ridgeZeros + " of " + names.length : "none") + " exactly zero at this *\u03bb*. Between ");
      lambdaMax(ridge);
      text(ridge, "/1000 and ");
      lambdaMax(ridge);
      text(
        ridge,
        " a ridge coefficient is zero only at a single *\u03bb*: " +
          crossings.map(function (c) { return c.name + " at *\u03bb*\u00a0\u2248\u00a0" + fourDigits(c.lambda); }).join(", ") +
          " (the open squares), each between two positions of the slider."
      );
    }
    controls.finish();
  }

  var BUILDERS = { geometry: geometry, "one-coefficient": oneCoefficient, threshold: threshold, paths: paths };

  function build() {
    var containers = document.querySelectorAll(".explorer[data-explorer]:not([data-ready])");
    for (var i = 0; i < containers.length; i++) {
      var container = containers[i];
      var make = BUILDERS[container.dataset.explorer];
      if (!make) throw new Error("explorer.js: no explorer called " + container.dataset.explorer);
      make(container);
      container.setAttribute("data-ready", "");
      container.hidden = false;
    }
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(build); // every page, including those loaded by instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", build);
  } else {
    build();
  }
})();
