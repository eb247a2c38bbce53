// Start Pagefind's search UI on the search page and keep the query in the address bar (?q=),
// so that the header's search form lands here and a search can be shared as a link.
(function () {
  var root = document.getElementById("rs-search");
  if (!root || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#rs-search",
    bundlePath: root.getAttribute("data-bundle"),
    showSubResults: false,
    showImages: false,
    resetStyles: false,
    pageSize: 10,
    excerptLength: 40,
    translations: {
      placeholder: "输入关键词、文号或姓名",
      zero_results: "没有找到包含“[SEARCH_TERM]”的答复。请换个关键词，或使用筛选条件。",
      filters_label: "筛选"
    },
    processTerm: function (term) {
      var url = new URL(window.location.href);
      if (term) { url.searchParams.set("q", term); } else { url.searchParams.delete("q"); }
      window.history.replaceState(null, "", url);
      return term;
    }
  });
  var query = new URL(window.location.href).searchParams.get("q");
  if (query) ui.triggerSearch(query);
})();
