// ringgraph's analyst console: fills the page ringd sent (body[data-page]) from the console's
// JSON endpoints. Every name or id from the store is put into the page as text (textContent,
// d3's .text()), never as markup, so an account named "<script>" shows as those characters.
// Charts and the ring graph use d3 version 3 (Debian's libjs-d3), served by ringd itself.
(function () {
  "use strict";

  var session = null;  // {client, role, csrfToken}

  // ---- small helpers ------------------------------------------------------------------------

  // el("td", {class: "num"}, "12", child...): an element with attributes and text/element children.
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function content() { return document.getElementById("content"); }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  function showError(message) {
    clear(content()).appendChild(el("p", {class: "error"}, message));
  }

  function getJson(url) {
    return fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (r) {
        if (r.status === 401) { window.location.href = "/login"; throw new Error("not logged in"); }
        return r.json().then(function (body) {
          if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
          return body;
        });
      });
  }

  function postLabel(target, verdict, note) {
    var form = new URLSearchParams();
    form.set("target", target);
    form.set("verdict", verdict);
    form.set("note", note);
    return fetch("/api/label", {
      method: "POST", credentials: "same-origin", body: form,
      headers: {"X-CSRF-Token": session.csrfToken, Accept: "application/json"}
    }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
        return body;
      });
    });
  }

  function param(name) { return new URLSearchParams(window.location.search).get(name); }

  function fixed(x, digits) { return Number(x).toFixed(digits === undefined ? 2 : digits); }

  function date(seconds) {
    if (!seconds) return "–";
    return new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ");
  }

  function day(days) { return new Date(days * 86400000).toISOString().slice(0, 10); }

  function shortId(valueId) { return valueId.slice(0, 12) + "…"; }

  function card(title) {
    var node = el("section", {class: "card"});
    if (title) node.appendChild(el("h2", null, title));
    return node;
  }

  function accountLink(name) {
    return el("a", {href: "/account?name=" + encodeURIComponent(name)}, name);
  }

  function ringLink(id) { return el("a", {href: "/ring?id=" + encodeURIComponent(id)}, "ring " + id); }

  function pill(state) { return el("span", {class: "pill " + state}, state); }

  var kindColor = null;
  function colorOf(kind) {
    if (!kindColor) {
      kindColor = window.d3 ? d3.scale.category10().domain(["account", "payment", "device", "ip", "template"])
                            : function () { return "#888"; };
    }
    return kindColor(kind);
  }

  // ---- the label buttons (ring and account pages) ------------------------------------------

  function labelBox(target, current, onDone) {
    var box = card("Verdict");
    box.classList.add("labelbox");
    box.appendChild(el("p", null, "Current label: ",
                       current ? pill(current.verdict) : pill("unlabelled"),
                       current && current.note ? el("span", {class: "muted"}, " — " + current.note) : null));
    if (session.role !== "write") {
      box.appendChild(el("p", {class: "muted"}, "Your token has the read role; labelling needs a write token."));
      return box;
    }
    var note = el("textarea", {placeholder: "note (case number, why)", maxlength: "4096", "aria-label": "note"});
    var status = el("span", {class: "muted"});
    var confirm = el("button", {class: "ring", type: "button", id: "label-ring"}, "Confirm as ring");
    var benign = el("button", {class: "benign", type: "button", id: "label-benign"}, "Mark benign");
    function send(verdict) {
      confirm.disabled = benign.disabled = true;
      status.textContent = "saving…";
      postLabel(target, verdict, note.value).then(function () {
        status.textContent = "saved: " + verdict + "; the next detection uses it";
        if (onDone) onDone();
      }).catch(function (e) {
        status.textContent = "";
        status.appendChild(el("span", {class: "error"}, e.message));
      }).then(function () { confirm.disabled = benign.disabled = false; });
    }
    confirm.addEventListener("click", function () { send("ring"); });
    benign.addEventListener("click", function () { send("benign"); });
    box.appendChild(note);
    box.appendChild(el("div", {class: "actions"}, confirm, benign, status));
    return box;
  }

  // ---- queue -------------------------------------------------------------------------------

  // The score distribution of every cluster (log scale: honest clusters outnumber rings by far)
  // with the flag threshold marked.
  function scoreChart(parent, overview) {
    var counts = overview.scoreHistogram, bins = counts.length;
    var width = Math.max(320, parent.clientWidth - 32 || 460), height = 170, m = {l: 44, r: 10, t: 10, b: 28};
    var x = d3.scale.linear().domain([0, 1]).range([m.l, width - m.r]);
    var y = d3.scale.log().domain([1, Math.max(2, d3.max(counts) + 1)]).range([height - m.b, m.t]);
    var svg = d3.select(parent).append("svg").attr("width", width).attr("height", height).attr("id", "score-chart");
    svg.selectAll("rect").data(counts).enter().append("rect")
      .attr("class", function (d, i) { return "bar " + ((i + 1) / bins > overview.flagThreshold ? "positive" : "day"); })
      .attr("x", function (d, i) { return x(i / bins) + 1; }).attr("width", (width - m.l - m.r) / bins - 2)
      .attr("y", function (d) { return y(d + 1); }).attr("height", function (d) { return y(1) - y(d + 1); })
      .append("title").text(function (d, i) {
        return "score " + fixed(i / bins) + "–" + fixed((i + 1) / bins) + ": " + d + " clusters";
      });
    svg.append("line").attr("x1", x(overview.flagThreshold)).attr("x2", x(overview.flagThreshold))
      .attr("y1", m.t).attr("y2", height - m.b).attr("stroke", "#b42318").attr("stroke-dasharray", "4,3");
    svg.append("text").attr("x", x(overview.flagThreshold) - 4).attr("y", m.t + 10).attr("text-anchor", "end")
      .text("flag threshold " + fixed(overview.flagThreshold));
    svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (height - m.b) + ")")
      .call(d3.svg.axis().scale(x).orient("bottom").ticks(10));
    svg.append("g").attr("class", "axis").attr("transform", "translate(" + m.l + ",0)")
      .call(d3.svg.axis().scale(y).orient("left").ticks(4, ",.0f"));
  }

  // Flagged rings per clustering version, over the time each was computed.
  function versionChart(parent, overview) {
    var versions = overview.versions;
    var width = Math.max(320, parent.clientWidth - 32 || 460), height = 170, m = {l: 44, r: 10, t: 10, b: 28};
    var x = d3.scale.linear().domain([0, Math.max(1, versions.length - 1)]).range([m.l + 10, width - m.r - 10]);
    var y = d3.scale.linear().domain([0, Math.max(1, d3.max(versions, function (v) { return v.flagged; }))])
      .range([height - m.b, m.t]);
    var svg = d3.select(parent).append("svg").attr("width", width).attr("height", height).attr("id", "version-chart");
    svg.append("path").attr("fill", "none").attr("stroke", "#2457c5").attr("stroke-width", 2)
      .attr("d", d3.svg.line().x(function (v, i) { return x(i); }).y(function (v) { return y(v.flagged); })(versions));
    svg.selectAll("circle").data(versions).enter().append("circle").attr("r", 4).attr("fill", "#2457c5")
      .attr("cx", function (v, i) { return x(i); }).attr("cy", function (v) { return y(v.flagged); })
      .append("title").text(function (v) {
        return "version " + v.version + ", " + date(v.computedAt) + ": " + v.flagged + " flagged of " + v.clusters + " clusters";
      });
    svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (height - m.b) + ")")
      .call(d3.svg.axis().scale(x).orient("bottom").ticks(Math.min(versions.length, 8))
        .tickFormat(function (i) { return versions[i] ? "v" + versions[i].version : ""; }));
    svg.append("g").attr("class", "axis").attr("transform", "translate(" + m.l + ",0)")
      .call(d3.svg.axis().scale(y).orient("left").ticks(4));
  }

  function overviewCharts(root) {
    if (!window.d3) return;
    var grid = el("div", {class: "grid"});
    var scores = card("Ring scores of every cluster (log scale)");
    var versions = card("Flagged rings per clustering version");
    grid.appendChild(scores);
    grid.appendChild(versions);
    root.insertBefore(grid, root.firstChild);
    getJson("/api/overview").then(function (overview) {
      if (!overview.versions.length) return;
      scoreChart(scores, overview);
      versionChart(versions, overview);
    }).catch(function (e) { scores.appendChild(el("p", {class: "error"}, e.message)); });
  }

  function queuePage() {
    var state = {
      sort: param("sort") || "score", factor: param("factor") || "", label: param("label") || "any",
      offset: Number(param("offset") || 0), limit: Number(param("limit") || 50)
    };
    var root = clear(content());
    var controls = el("div", {class: "controls"});
    function select(name, options, value) {
      var s = el("select", {name: name, id: "queue-" + name});
      options.forEach(function (o) {
        var opt = el("option", {value: o[0]}, o[1]);
        if (String(o[0]) === String(value)) opt.selected = true;
        s.appendChild(opt);
      });
      s.addEventListener("change", function () {
        state[name] = name === "limit" ? Number(s.value) : s.value;
        state.offset = 0;
        load();
      });
      return s;
    }
    controls.appendChild(el("label", null, "Sort by",
      select("sort", [["score", "score"], ["size", "size"], ["newest", "newest"]], state.sort)));
    var factorSelect = select("factor", [["", "any factor"]], state.factor);
    controls.appendChild(el("label", null, "Strongest factor", factorSelect));
    controls.appendChild(el("label", null, "Label",
      select("label", [["any", "any"], ["unlabelled", "unlabelled"], ["ring", "ring"], ["benign", "benign"]], state.label)));
    controls.appendChild(el("label", null, "Per page",
      select("limit", [[25, "25"], [50, "50"], [100, "100"], [250, "250"]], state.limit)));
    root.appendChild(controls);
    var summary = el("p", {class: "muted"});
    var table = el("table", {id: "queue-table"});
    var pager = el("div", {class: "pager"});
    var listCard = card(null);
    listCard.appendChild(summary);
    listCard.appendChild(table);
    listCard.appendChild(pager);
    root.appendChild(listCard);
    overviewCharts(root);

    function load() {
      var query = new URLSearchParams();
      Object.keys(state).forEach(function (k) { if (state[k] !== "") query.set(k, state[k]); });
      history.replaceState(null, "", "/queue?" + query.toString());
      getJson("/api/queue?" + query.toString()).then(render).catch(function (e) { showError(e.message); });
    }

    function render(data) {
      var known = Object.keys(data.factors);
      clear(factorSelect).appendChild(el("option", {value: ""}, "any factor"));
      known.forEach(function (f) {
        var opt = el("option", {value: f}, f + " (" + data.factors[f] + ")");
        if (f === state.factor) opt.selected = true;
        factorSelect.appendChild(opt);
      });
      summary.textContent = data.total + " flagged rings match, clustering version " +
        data.clusteringVersion + " computed " + date(data.computedAt) + " UTC";
      clear(table);
      table.appendChild(el("thead", null, el("tr", null, el("th", null, "Ring"), el("th", {class: "num"}, "Score"),
        el("th", {class: "num"}, "Members"), el("th", null, "Strongest factor"), el("th", null, "Label"),
        el("th", null, "Summary"))));
      var body = el("tbody");
      data.rings.forEach(function (r) {
        var bar = el("span", {class: "scorebar"}, el("span", {style: null}));
        bar.firstChild.style.width = Math.round(r.score * 100) + "%";
        body.appendChild(el("tr", {"data-cluster": r.clusterId}, el("td", null, ringLink(r.clusterId)),
          el("td", {class: "num"}, fixed(r.score, 3), bar), el("td", {class: "num"}, r.size),
          el("td", null, r.strongestFactor), el("td", null, pill(r.label)), el("td", null, r.summary)));
      });
      table.appendChild(body);
      clear(pager);
      var prev = el("button", {type: "button"}, "← Previous");
      var next = el("button", {type: "button"}, "Next →");
      prev.disabled = data.offset === 0;
      next.disabled = data.offset + data.limit >= data.total;
      prev.addEventListener("click", function () { state.offset = Math.max(0, state.offset - state.limit); load(); });
      next.addEventListener("click", function () { state.offset += state.limit; load(); });
      var last = Math.min(data.total, data.offset + data.rings.length);
      pager.appendChild(prev);
      pager.appendChild(el("span", {class: "muted"}, (data.total ? data.offset + 1 : 0) + "–" + last + " of " + data.total));
      pager.appendChild(next);
    }
    load();
  }

  // ---- ring --------------------------------------------------------------------------------

  function factorChart(parent, factors) {
    if (!window.d3 || !factors.length) return;
    var width = 460, row = 22, left = 150, height = factors.length * row + 24;
    var extent = d3.max(factors, function (f) { return Math.abs(f.contribution); }) || 1;
    var x = d3.scale.linear().domain([-extent, extent]).range([left, width - 52]);
    var svg = d3.select(parent).append("svg").attr("width", width).attr("height", height).attr("id", "factor-chart");
    var g = svg.selectAll("g.factor").data(factors).enter().append("g").attr("class", "factor")
      .attr("transform", function (d, i) { return "translate(0," + (i * row + 4) + ")"; });
    g.append("text").attr("x", left - 6).attr("y", 14).attr("text-anchor", "end").text(function (d) { return d.name; });
    g.append("rect").attr("class", function (d) { return "bar " + (d.contribution >= 0 ? "positive" : "negative"); })
      .attr("x", function (d) { return Math.min(x(0), x(d.contribution)); }).attr("y", 3).attr("height", row - 8)
      .attr("width", function (d) { return Math.max(1, Math.abs(x(d.contribution) - x(0))); })
      .append("title").text(function (d) { return d.name + ": value " + fixed(d.value, 3) + ", contribution " + fixed(d.contribution, 3); });
    g.append("text").attr("x", width - 4).attr("y", 14).attr("text-anchor", "end")
      .text(function (d) { return (d.contribution >= 0 ? "+" : "") + fixed(d.contribution, 2); });
    svg.append("line").attr("x1", x(0)).attr("x2", x(0)).attr("y1", 0).attr("y2", height - 18).attr("stroke", "#667085");
  }

  function ringGraph(parent, ring) {
    if (!window.d3) {
      parent.appendChild(el("p", {class: "muted"}, "The graph needs d3 (Debian's libjs-d3), which this ringd does not have."));
      return;
    }
    var width = parent.clientWidth || 900, height = 560;
    var nodes = [], links = [];
    ring.members.forEach(function (m) {
      nodes.push({type: "account", name: m.account, kind: "account", member: m});
    });
    ring.values.forEach(function (v) {
      nodes.push({type: "value", name: v.kind + " " + v.valueId, kind: v.kind, value: v});
    });
    var offset = ring.members.length;
    ring.links.forEach(function (l) {
      links.push({source: l.member, target: offset + l.value, weight: ring.values[l.value].pairWeight,
                  observations: l.observations});
    });
    var maxWeight = d3.max(ring.values, function (v) { return v.pairWeight; }) || 1;
    var width_of = d3.scale.sqrt().domain([0, maxWeight]).range([0.5, 5]);
    var svg = d3.select(parent).append("svg").attr("class", "graph").attr("id", "ring-graph")
      .attr("viewBox", "0 0 " + width + " " + height).attr("data-nodes", nodes.length);
    var layer = svg.append("g");
    svg.call(d3.behavior.zoom().scaleExtent([0.2, 6]).on("zoom", function () {
      layer.attr("transform", "translate(" + d3.event.translate + ")scale(" + d3.event.scale + ")");
    }));
    var force = d3.layout.force().nodes(nodes).links(links).size([width, height])
      .linkDistance(function (l) { return 40 + 50 / (1 + l.weight); }).charge(-160).gravity(0.06);
    var link = layer.selectAll(".link").data(links).enter().append("line").attr("class", "link")
      .style("stroke-width", function (l) { return width_of(l.weight); });
    var symbol = d3.svg.symbol().type("diamond").size(function (d) { return 40 + 14 * d.value.sampledHolders; });
    var node = layer.selectAll(".node").data(nodes).enter().append("path")
      .attr("class", function (d) { return "node " + d.type; })
      .attr("d", function (d) {
        return d.type === "account" ? d3.svg.symbol().type("circle").size(90)(d) : symbol(d);
      })
      .style("fill", function (d) { return colorOf(d.kind); })
      .call(force.drag);
    node.append("title").text(function (d) {
      if (d.type === "account") {
        var a = d.member.activity;
        return d.name + "\nfirst seen " + date(a.firstSeen) + ", last seen " + date(a.lastSeen) + "\n" +
          a.prompts + " prompts" + (d.member.evidence === null ? "" : ", own evidence " + fixed(d.member.evidence, 2));
      }
      return d.value.kind + " value " + d.value.valueId + "\nheld by " + d.value.sampledHolders +
        " drawn members, " + d.value.holdersTotal + " accounts in all; pair weight " + fixed(d.value.pairWeight, 2);
    });
    node.on("dblclick", function (d) {
      if (d.type === "account") window.location.href = "/account?name=" + encodeURIComponent(d.name);
    });
    force.on("tick", function () {
      link.attr("x1", function (l) { return l.source.x; }).attr("y1", function (l) { return l.source.y; })
        .attr("x2", function (l) { return l.target.x; }).attr("y2", function (l) { return l.target.y; });
      node.attr("transform", function (d) { return "translate(" + d.x + "," + d.y + ")"; });
    });
    force.start();
    var legend = el("div", {class: "legend"});
    ["account", "payment", "device", "ip", "template"].forEach(function (k) {
      var swatch = el("i");
      swatch.style.background = colorOf(k);
      legend.appendChild(el("span", null, swatch, k === "account" ? "account (circle)" : k + " value (diamond)"));
    });
    legend.appendChild(el("span", null, "edge width: the value's pair weight; double-click an account to open it; drag, scroll to zoom"));
    parent.appendChild(legend);
  }

  function timeline(parent, ring) {
    if (!window.d3) return;
    var width = parent.clientWidth || 600, height = 160, margin = {l: 40, r: 10, t: 10, b: 24};
    if (ring.promptsPerDay.length) {
      parent.appendChild(el("p", {class: "muted"}, "Prompts per day, drawn members together"));
      var days = ring.promptsPerDay;
      var x = d3.time.scale().domain([new Date(days[0].day * 86400000), new Date((days[days.length - 1].day + 1) * 86400000)])
        .range([margin.l, width - margin.r]);
      var y = d3.scale.linear().domain([0, d3.max(days, function (d) { return d.prompts; }) || 1]).range([height - margin.b, margin.t]);
      var svg = d3.select(parent).append("svg").attr("width", width).attr("height", height).attr("id", "prompt-timeline");
      var barWidth = Math.max(1, (width - margin.l - margin.r) / (days[days.length - 1].day - days[0].day + 1) - 1);
      svg.selectAll("rect").data(days).enter().append("rect").attr("class", "bar day")
        .attr("x", function (d) { return x(new Date(d.day * 86400000)); }).attr("width", barWidth)
        .attr("y", function (d) { return y(d.prompts); }).attr("height", function (d) { return y(0) - y(d.prompts); })
        .append("title").text(function (d) { return day(d.day) + ": " + d.prompts + " prompts"; });
      svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (height - margin.b) + ")")
        .call(d3.svg.axis().scale(x).orient("bottom").ticks(6));
      svg.append("g").attr("class", "axis").attr("transform", "translate(" + margin.l + ",0)")
        .call(d3.svg.axis().scale(y).orient("left").ticks(4));
    }
    // First to last seen, one line per drawn member, earliest first: a launch shows as a wall.
    var members = ring.members.slice().filter(function (m) { return m.activity.firstSeen > 0; })
      .sort(function (a, b) { return a.activity.firstSeen - b.activity.firstSeen; });
    if (!members.length) return;
    parent.appendChild(el("p", {class: "muted"}, "First to last seen, one line per drawn member"));
    var spanHeight = Math.min(320, 20 + members.length * 3);
    var sx = d3.time.scale().domain([new Date(members[0].activity.firstSeen * 1000),
      new Date(d3.max(members, function (m) { return m.activity.lastSeen; }) * 1000)]).range([margin.l, width - margin.r]);
    var sy = d3.scale.linear().domain([0, members.length]).range([margin.t, spanHeight - margin.b]);
    var spans = d3.select(parent).append("svg").attr("width", width).attr("height", spanHeight).attr("id", "member-spans");
    spans.selectAll("line").data(members).enter().append("line").attr("class", "span")
      .attr("x1", function (m) { return sx(new Date(m.activity.firstSeen * 1000)); })
      .attr("x2", function (m) { return Math.max(sx(new Date(m.activity.lastSeen * 1000)), sx(new Date(m.activity.firstSeen * 1000)) + 1); })
      .attr("y1", function (m, i) { return sy(i); }).attr("y2", function (m, i) { return sy(i); })
      .append("title").text(function (m) { return m.account + ": " + date(m.activity.firstSeen) + " → " + date(m.activity.lastSeen); });
    spans.append("g").attr("class", "axis").attr("transform", "translate(0," + (spanHeight - margin.b) + ")")
      .call(d3.svg.axis().scale(sx).orient("bottom").ticks(6));
  }

  function ringPage() {
    var id = param("id");
    getJson("/api/ring?id=" + encodeURIComponent(id)).then(function (ring) {
      var root = clear(content());
      var head = card(null);
      head.appendChild(el("p", null, ring.summary));
      head.appendChild(el("div", {class: "stats"},
        el("div", null, el("b", null, fixed(ring.score, 3)), "ring score"),
        el("div", null, el("b", null, ring.flagged ? "flagged" : "not flagged"), "state"),
        el("div", null, el("b", null, ring.memberCount), "members"),
        el("div", null, el("b", null, ring.clusteringVersion), "clustering version"),
        el("div", null, el("b", null, ring.label ? ring.label.verdict : "unlabelled"), "label")));
      root.appendChild(head);
      root.appendChild(labelBox("cluster:" + ring.clusterId, ring.label, function () { setTimeout(ringPage, 600); }));

      var graphCard = card("Members and the values they share");
      graphCard.appendChild(el("p", {class: "muted", id: "graph-count"},
        ring.members.length < ring.memberCount
          ? "Drawn from an even sample: " + ring.members.length + " of " + ring.memberCount + " members, " + ring.values.length + " shared values."
          : ring.members.length + " members, " + ring.values.length + " shared values."));
      root.appendChild(graphCard);
      ringGraph(graphCard, ring);

      var grid = el("div", {class: "grid"});
      var factorCard = card("Why it scored: the factors (log-odds)");
      grid.appendChild(factorCard);
      var timeCard = card("Activity");
      grid.appendChild(timeCard);
      root.appendChild(grid);
      factorChart(factorCard, ring.factors);
      timeline(timeCard, ring);

      var evidenceCard = card("Strongest shared values");
      var table = el("table", {id: "evidence-table"}, el("thead", null, el("tr", null, el("th", null, "Kind"),
        el("th", null, "Value (keyed hash)"), el("th", {class: "num"}, "Members sharing"),
        el("th", {class: "num"}, "Holders in all"), el("th", {class: "num"}, "Pair weight"),
        el("th", null, "First seen"), el("th", null, "Last seen"))));
      var body = el("tbody");
      ring.evidence.forEach(function (e) {
        body.appendChild(el("tr", null, el("td", null, e.kind), el("td", {class: "mono", title: e.valueId}, shortId(e.valueId)),
          el("td", {class: "num"}, e.membersSharing), el("td", {class: "num"}, e.holdersTotal),
          el("td", {class: "num"}, fixed(e.pairWeight)), el("td", null, date(e.firstSeen)), el("td", null, date(e.lastSeen))));
      });
      table.appendChild(body);
      evidenceCard.appendChild(table);
      root.appendChild(evidenceCard);

      var notes = el("div", {class: "grid"});
      var partners = card("Partner indicators and labels detection saw");
      if (ring.detectionLabels.length) {
        var list = el("ul");
        ring.detectionLabels.forEach(function (l) { list.appendChild(el("li", null, l)); });
        partners.appendChild(list);
      } else {
        partners.appendChild(el("p", {class: "muted"}, "None matched."));
      }
      notes.appendChild(partners);
      var historyCard = card("History across clustering versions");
      if (ring.history.length) {
        var hl = el("ul");
        ring.history.forEach(function (h) {
          var text = (h.event || "event") + (h.version ? " in version " + h.version : "");
          var from = h.from || h.into || h.to;
          if (from) text += " (" + [].concat(from).join(", ") + ")";
          hl.appendChild(el("li", null, text));
        });
        historyCard.appendChild(hl);
      } else {
        historyCard.appendChild(el("p", {class: "muted"}, "No births, merges or splits recorded in the kept versions."));
      }
      notes.appendChild(historyCard);
      root.appendChild(notes);

      var memberCard = card("Drawn members");
      var mt = el("table", {id: "member-table"}, el("thead", null, el("tr", null, el("th", null, "Account"),
        el("th", null, "First seen"), el("th", null, "Last seen"), el("th", {class: "num"}, "Prompts"),
        el("th", {class: "num"}, "Own evidence"))));
      var mb = el("tbody");
      ring.members.forEach(function (m) {
        mb.appendChild(el("tr", null, el("td", null, accountLink(m.account)), el("td", null, date(m.activity.firstSeen)),
          el("td", null, date(m.activity.lastSeen)), el("td", {class: "num"}, m.activity.prompts),
          el("td", {class: "num"}, m.evidence === null ? "–" : fixed(m.evidence))));
      });
      mt.appendChild(mb);
      memberCard.appendChild(mt);
      root.appendChild(memberCard);
    }).catch(function (e) { showError(e.message); });
  }

  // ---- account -----------------------------------------------------------------------------

  function accountPage() {
    var name = param("name") || "";
    getJson("/api/account?name=" + encodeURIComponent(name)).then(function (a) {
      var root = clear(content());
      var head = card(null);
      var m = a.membership;
      head.appendChild(el("div", {class: "stats"},
        el("div", null, el("b", null, m.inCluster ? ringLink(m.clusterId) : "none"), "cluster"),
        el("div", null, el("b", null, m.inCluster ? fixed(m.score, 3) : "–"), "ring score"),
        el("div", null, el("b", null, m.inCluster && m.flagged ? "flagged" : "not flagged"), m.realtime ? "real-time flag" : "state"),
        el("div", null, el("b", null, a.activity.prompts), "prompts"),
        el("div", null, el("b", null, date(a.activity.firstSeen)), "first seen"),
        el("div", null, el("b", null, date(a.activity.lastSeen)), "last seen")));
      root.appendChild(head);
      root.appendChild(labelBox("account:" + a.account, a.label, function () { setTimeout(accountPage, 600); }));

      var pathCard = card("Strongest path to a flagged ring");
      var p = a.pathToRing;
      if (m.inCluster && m.flagged) {
        pathCard.appendChild(el("p", null, "The account is itself in flagged ", ringLink(m.clusterId), "."));
      } else if (!p.linked) {
        pathCard.appendChild(el("p", {class: "muted"}, "No path to a flagged ring within the search limits."));
      } else {
        pathCard.appendChild(el("p", null, "To ", ringLink(p.clusterId), ", as strong as its weakest hop: " + fixed(p.strength)));
        var ol = el("ol", {class: "path"});
        p.hops.forEach(function (h) {
          var shared = h.shared.map(function (s) { return s.kind + " " + shortId(s.valueId); }).join(", ");
          ol.appendChild(el("li", null, accountLink(h.from), " → ", accountLink(h.to),
            el("span", {class: "muted"}, " weight " + fixed(h.weight) + " through " + shared)));
        });
        pathCard.appendChild(ol);
      }
      root.appendChild(pathCard);

      var signalCard = card("Signals by kind (keyed hashes, never values)");
      Object.keys(a.signals).sort().forEach(function (kind) {
        signalCard.appendChild(el("h2", null, kind + " (" + a.signals[kind].length + ")"));
        var t = el("table", null, el("thead", null, el("tr", null, el("th", null, "Value id"),
          el("th", {class: "num"}, "Holders"), el("th", {class: "num"}, "Seen"), el("th", null, "First seen"),
          el("th", null, "Last seen"))));
        var b = el("tbody");
        a.signals[kind].forEach(function (s) {
          b.appendChild(el("tr", null, el("td", {class: "mono"}, s.valueId), el("td", {class: "num"}, s.holdersTotal),
            el("td", {class: "num"}, s.observations), el("td", null, date(s.firstSeen)), el("td", null, date(s.lastSeen))));
        });
        t.appendChild(b);
        signalCard.appendChild(t);
      });
      root.appendChild(signalCard);
    }).catch(function (e) { showError(e.message); });
  }

  // ---- start -------------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", function () {
    getJson("/api/session").then(function (s) {
      session = s;
      var page = document.body.getAttribute("data-page");
      if (page === "queue") queuePage();
      else if (page === "ring") ringPage();
      else if (page === "account") accountPage();
    }).catch(function (e) { showError(e.message); });
  });
})();
