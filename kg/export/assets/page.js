// kg page behaviour: draw the network, then search, filters, the details panel and the timeline.
// Titles are markup built by kg.export.html from escaped parts only; vis-network 9 shows a
// string title as plain text, so they are turned into elements here, when first shown.
// Every other string from the data reaches the page through textContent or a property.
"use strict";
var nodes;
var edges;
var network;

(function () {
  var nodeTitles = {};
  var edgeTitles = {};
  var nodeRecords = {};
  var edgesOf = {};

  function toElement(markup) {
    var div = document.createElement("div");
    div.className = "kg-tip";
    div.innerHTML = markup;
    return div;
  }

  // Tooltips stay strings until hovered: making tens of thousands of elements up front would
  // hold a big page's first draw for seconds.
  kgNodes.forEach(function (n) {
    nodeTitles[n.id] = n.title;
    delete n.title;
    nodeRecords[n.id] = n;
    edgesOf[n.id] = [];
  });
  kgEdges.forEach(function (e) {
    edgeTitles[e.id] = e.title;
    delete e.title;
    edgesOf[e.from].push(e);
    if (e.to !== e.from) edgesOf[e.to].push(e);
  });

  // A big graph opens on its most-cited nodes (kgView.rank); "Show more" adds the next ones,
  // and search or the timeline add the one node asked for.
  var ranked = kgView.rank.map(function (i) { return kgNodes[i].id; });
  var isShown = {};
  var edgeShown = {};
  var filteredOut = {};
  nodes = new vis.DataSet();
  edges = new vis.DataSet();

  // Nodes and the edges that join them to what is shown; positions, when given, are {id: {x, y}}.
  function addNodes(ids, positions) {
    var newNodes = [];
    var newEdges = [];
    ids.forEach(function (id) {
      if (isShown[id]) return;
      isShown[id] = true;
      var record = Object.assign({}, nodeRecords[id], { hidden: Boolean(filteredOut[id]) });
      if (positions && positions[id]) Object.assign(record, positions[id]);
      newNodes.push(record);
    });
    newNodes.forEach(function (n) {
      edgesOf[n.id].forEach(function (e) {
        if (edgeShown[e.id] || !isShown[e.from] || !isShown[e.to]) return;
        edgeShown[e.id] = true;
        var hidden = Boolean(filteredOut[e.from] || filteredOut[e.to]);
        newEdges.push(Object.assign({}, e, { hidden: hidden }));
      });
    });
    nodes.add(newNodes);
    edges.add(newEdges);
    updateShown();
  }

  // Beside its first drawn neighbour (or one placed in the same batch, `placed`), so that a node
  // added late does not land at random.
  function nearNeighbour(id, placed) {
    var around = null;
    edgesOf[id].some(function (e) {
      var other = e.from === id ? e.to : e.from;
      if (other === id) return false;
      if (isShown[other]) around = network.getPosition(other);
      else if (placed[other]) around = placed[other];
      return around !== null;
    });
    var angle = Math.random() * 2 * Math.PI;
    var base = around || network.getViewPosition();
    return { x: base.x + 80 * Math.cos(angle), y: base.y + 80 * Math.sin(angle) };
  }

  function reveal(id) {
    if (isShown[id] || !nodeRecords[id]) return;
    var positions = {};
    positions[id] = nearNeighbour(id, {});
    addNodes([id], positions);
  }

  var shownStatus = document.getElementById("kg-shown");
  var more = document.getElementById("kg-more");
  function updateShown() {
    var shownCount = nodes.length;
    var total = ranked.length;
    var rest = total - shownCount;
    more.hidden = rest <= 0;
    shownStatus.textContent =
      rest > 0 ? "showing " + shownCount + " most-cited of " + total + " nodes" : "";
    more.textContent = "Show " + Math.min(kgView.step, rest) + " more";
  }

  addNodes(ranked.slice(0, kgView.first));
  network = new vis.Network(
    document.getElementById("mynetwork"), { nodes: nodes, edges: edges }, kgOptions
  );

  // When the page first drew and finished its layout, ms after navigation, and how long the last
  // layout took: for bench.html_scale.
  window.kgTimings = {};
  var layoutStart = 0;
  network.once("afterDrawing", function () {
    kgTimings.firstDraw = performance.now();
  });

  // Stop the simulation once laid out: a running physics engine keeps a big page busy.
  var progress = document.getElementById("kg-progress");
  network.on("stabilizationProgress", function (p) {
    progress.textContent = "laying out " + Math.round((100 * p.iterations) / p.total) + "%";
  });
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    progress.textContent = "";
    if (!kgTimings.stable) kgTimings.stable = performance.now();
    kgTimings.lastLayout = performance.now() - layoutStart;
    window.kgStable = true;
  });

  more.addEventListener("click", function () {
    var next = ranked.filter(function (id) { return !isShown[id]; }).slice(0, kgView.step);
    // In rank order, each beside a drawn neighbour or one placed just before it; then a short
    // layout settles them.
    var positions = {};
    next.forEach(function (id) {
      positions[id] = nearNeighbour(id, positions);
    });
    window.kgStable = false;
    layoutStart = performance.now();
    addNodes(next, positions);
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(kgView.relayout);
  });

  var details = document.getElementById("kg-details-body");
  function showDetails(markup) {
    details.replaceChildren(toElement(markup));
  }

  // Hover shows a tooltip after `tooltipDelay`; the element is made at the first hover.
  network.on("hoverNode", function (params) {
    var id = params.node;
    if (!nodes.get(id).title) nodes.update({ id: id, title: toElement(nodeTitles[id]) });
  });
  network.on("hoverEdge", function (params) {
    var id = params.edge;
    if (!edges.get(id).title) edges.update({ id: id, title: toElement(edgeTitles[id]) });
  });

  // Timeline: clicking an item selects its event in the network, and selecting an event in the
  // network (by click or search) marks its item. The items are markup kg wrote, keyed by IRI.
  var timelineItems = {};
  document.querySelectorAll("#kg-timeline .kg-tl-item").forEach(function (item) {
    timelineItems[item.dataset.id] = item;
  });
  var marked = null;
  function markInTimeline(id) {
    if (marked) marked.classList.remove("kg-tl-sel");
    marked = (id !== null && timelineItems[id]) || null;
    if (marked) {
      marked.classList.add("kg-tl-sel");
      marked.scrollIntoView({ block: "nearest" });
    }
  }
  window.kgMarkInTimeline = markInTimeline;
  function selectNode(id) {
    reveal(id);
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: { duration: 400 } });
    showDetails(nodeTitles[id]);
    markInTimeline(id);
  }
  Object.keys(timelineItems).forEach(function (id) {
    var item = timelineItems[id];
    item.addEventListener("click", function () { selectNode(id); });
    item.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        selectNode(id);
      }
    });
  });
  var timeline = document.getElementById("kg-timeline");
  var toggle = document.getElementById("kg-timeline-toggle");
  toggle.addEventListener("click", function () {
    timeline.hidden = !timeline.hidden;
    toggle.setAttribute("aria-pressed", String(!timeline.hidden));
    // The network's box changed size; vis only notices a window resize by itself.
    network.setSize("100%", "100%");
    network.redraw();
  });

  network.on("click", function (params) {
    if (params.nodes.length > 0) {
      showDetails(nodeTitles[params.nodes[0]]);
      markInTimeline(params.nodes[0]);
    } else {
      markInTimeline(null);
      if (params.edges.length > 0) showDetails(edgeTitles[params.edges[0]]);
    }
  });

  // Search: exact name first, then prefix, then substring; ties go to the first id in order.
  function norm(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  var ids = Object.keys(kgMeta).sort();
  var normLabels = {};
  var allLabels = {};
  ids.forEach(function (id) {
    normLabels[id] = kgMeta[id].labels.map(norm);
    kgMeta[id].labels.forEach(function (l) { allLabels[l] = true; });
  });
  var datalist = document.getElementById("kg-labels");
  Object.keys(allLabels).sort().forEach(function (l) {
    var option = document.createElement("option");
    option.value = l;
    datalist.appendChild(option);
  });

  function findNode(query) {
    var q = norm(query);
    if (!q) return null;
    var best = null;
    var bestRank = 3;
    ids.forEach(function (id) {
      normLabels[id].forEach(function (l) {
        var rank = l === q ? 0 : l.startsWith(q) ? 1 : l.indexOf(q) >= 0 ? 2 : 3;
        if (rank < bestRank) {
          bestRank = rank;
          best = id;
        }
      });
    });
    return best;
  }
  window.kgFindNode = findNode;

  var searchStatus = document.getElementById("kg-search-status");
  document.getElementById("kg-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("kg-search").value;
    var id = findNode(query);
    if (id === null) {
      searchStatus.textContent = query.trim() ? "no match" : "";
      return;
    }
    selectNode(id);
    var note = filteredOut[id] ? " (hidden by a filter)" : "";
    searchStatus.textContent = kgMeta[id].labels[0] + note;
  });

  // Filters: an event shows when both its class and its status are ticked. Only what changes is
  // sent to vis, and only for what is drawn; nodes added later take their state from
  // `filteredOut`.
  var filterStatus = document.getElementById("kg-filter-status");
  function applyFilters() {
    var off = { cls: {}, status: {} };
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      if (!box.checked) off[box.dataset.filter][box.value] = true;
    });
    var nodeUpdates = [];
    var touched = {};
    var shown = 0;
    var total = 0;
    ids.forEach(function (id) {
      var m = kgMeta[id];
      if (m.kind !== "Event") return;
      var hide = Boolean(off.cls[m.cls] || off.status[m.status]);
      total += 1;
      if (!hide) shown += 1;
      if (hide === Boolean(filteredOut[id])) return;
      if (hide) filteredOut[id] = true; else delete filteredOut[id];
      if (timelineItems[id]) timelineItems[id].hidden = hide;
      if (!isShown[id]) return;
      nodeUpdates.push({ id: id, hidden: hide });
      edgesOf[id].forEach(function (e) {
        if (edgeShown[e.id]) touched[e.id] = e;
      });
    });
    nodes.update(nodeUpdates);
    edges.update(Object.keys(touched).map(function (key) {
      var e = touched[key];
      return { id: e.id, hidden: Boolean(filteredOut[e.from] || filteredOut[e.to]) };
    }));
    if (filterStatus) filterStatus.textContent = shown + " of " + total + " events shown";
  }
  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  window.kgApplyFilters = applyFilters;
})();
