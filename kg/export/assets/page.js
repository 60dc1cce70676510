// kg page behaviour: draw the network, then search, filters, the details panel and the timeline.
// Titles are markup built by kg.export.html from escaped parts only; vis-network 9 shows a
// string title as plain text, so they are turned into elements here.
"use strict";
var nodes;
var edges;
var network;

(function () {
  var nodeTitles = {};
  var edgeTitles = {};

  function toElement(markup) {
    var div = document.createElement("div");
    div.className = "kg-tip";
    div.innerHTML = markup;
    return div;
  }

  kgNodes.forEach(function (n) {
    nodeTitles[n.id] = n.title;
    n.title = toElement(n.title);
  });
  kgEdges.forEach(function (e) {
    edgeTitles[e.id] = e.title;
    e.title = toElement(e.title);
  });
  nodes = new vis.DataSet(kgNodes);
  edges = new vis.DataSet(kgEdges);
  network = new vis.Network(
    document.getElementById("mynetwork"), { nodes: nodes, edges: edges }, kgOptions
  );

  // Stop the simulation once laid out: a running physics engine keeps a big page busy.
  var progress = document.getElementById("kg-progress");
  network.on("stabilizationProgress", function (p) {
    progress.textContent = "laying out " + Math.round((100 * p.iterations) / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    progress.textContent = "";
    window.kgStable = true;
  });

  var details = document.getElementById("kg-details-body");
  function showDetails(markup) {
    details.replaceChildren(toElement(markup));
  }

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
    var node = nodes.get(id);
    searchStatus.textContent = kgMeta[id].labels[0] + (node.hidden ? " (hidden by a filter)" : "");
  });

  // Filters: an event shows when both its class and its status are ticked.
  var filterStatus = document.getElementById("kg-filter-status");
  function applyFilters() {
    var off = { cls: {}, status: {} };
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      if (!box.checked) off[box.dataset.filter][box.value] = true;
    });
    var hidden = {};
    var updates = [];
    var shown = 0;
    var total = 0;
    ids.forEach(function (id) {
      var m = kgMeta[id];
      if (m.kind !== "Event") return;
      var hide = Boolean(off.cls[m.cls] || off.status[m.status]);
      if (hide) hidden[id] = true; else shown += 1;
      total += 1;
      updates.push({ id: id, hidden: hide });
    });
    nodes.update(updates);
    edges.update(edges.get({ fields: ["id", "from", "to"] }).map(function (e) {
      return { id: e.id, hidden: Boolean(hidden[e.from] || hidden[e.to]) };
    }));
    Object.keys(timelineItems).forEach(function (id) {
      timelineItems[id].hidden = Boolean(hidden[id]);
    });
    if (filterStatus) filterStatus.textContent = shown + " of " + total + " events shown";
  }
  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  window.kgApplyFilters = applyFilters;
})();
