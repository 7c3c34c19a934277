// A minimal Eleventy site equivalent to Eystime's pages for the benchmark:
// title, objectives, table of contents, prev/next, the module's lessons.
// The corpus is copied beside this file's _includes by bench/run.
export default function (cfg) {
	cfg.addGlobalData("layout", "page.njk");
	cfg.addGlobalData("eleventyComputed", {
		permalink: (data) => data.page.inputPath.endsWith("/_index.md")
			? data.page.filePathStem.replace(/_index$/, "") + "index.html"
			: data.permalink,
	});
	cfg.addCollection("lessons", (api) =>
		api.getFilteredByGlob("**/*-lecon.md")
			.sort((a, b) => a.inputPath < b.inputPath ? -1 : 1));
	// The lessons of a page's module, found once per module.
	const byModule = new Map();
	const moduleOf = (p) => p.replace(/\/[^/]*$/, "");
	cfg.addFilter("moduleLessons", (lessons, inputPath) => {
		const m = moduleOf(inputPath);
		if (!byModule.has(m))
			byModule.set(m, lessons.filter((l) => moduleOf(l.inputPath) === m));
		return byModule.get(m);
	});
	cfg.addFilter("toc", (html) => [...String(html).matchAll(
		/<h([23])[^>]*>(.*?)<\/h\1>/g)].map((h) => ({ level: h[1], text: h[2] })));
	return {
		dir: { input: "content", includes: "../_includes" },
		markdownTemplateEngine: false,
	};
}
