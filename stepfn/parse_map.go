package stepfn

import "github.com/switchyard/switchyard/internal/jsonpath"

// mapFieldsOnlyDistributed are fields of a distributed Map, which this
// engine does not run.
var mapFieldsOnlyDistributed = [...]string{"ItemReader", "ItemBatcher", "ResultWriter", "Label"}

func (p *parser) mapState(o *object, s *state) {
	m := &mapSpec{}
	s.mapSpec = m
	m.itemsPath = p.optionalPath(o, "ItemsPath", "ReferencePath", jsonpath.ParseReference)
	if m.itemsPath.null {
		p.d.schema(o.at("ItemsPath"), "The value for the field 'ItemsPath' must be a STRING")
	}
	switch o.exclusive("ItemSelector", "Parameters") {
	case "ItemSelector":
		s.parameters = p.template(o, "ItemSelector")
	case "Parameters":
		s.parameters = p.template(o, "Parameters")
	}
	var proc map[string]any
	var procLoc string
	switch o.exclusive("ItemProcessor", "Iterator") {
	case "ItemProcessor":
		proc, _ = o.objectField("ItemProcessor")
		procLoc = o.at("ItemProcessor")
	case "Iterator":
		proc, _ = o.objectField("Iterator")
		procLoc = o.at("Iterator")
	default:
		p.d.schema(o.loc, "These fields are required: [ItemProcessor]")
	}
	if proc != nil {
		m.processor = p.processor(proc, procLoc)
	} else {
		m.processor = &graph{states: map[string]*state{}}
	}
	switch o.exclusive("MaxConcurrency", "MaxConcurrencyPath") {
	case "MaxConcurrency":
		n, _ := o.integer("MaxConcurrency", 0, maxTimeoutSeconds)
		m.maxConcurrency = int(n)
	case "MaxConcurrencyPath":
		m.maxConcurrencyPath = p.referencePath(o, "MaxConcurrencyPath")
	}
	switch o.exclusive("ToleratedFailureCount", "ToleratedFailureCountPath") {
	case "ToleratedFailureCount":
		n, ok := o.integer("ToleratedFailureCount", 0, maxTimeoutSeconds)
		m.toleratedCount, m.hasToleratedCount = int(n), ok
	case "ToleratedFailureCountPath":
		m.toleratedCountPath = p.referencePath(o, "ToleratedFailureCountPath")
	}
	switch o.exclusive("ToleratedFailurePercentage", "ToleratedFailurePercentagePath") {
	case "ToleratedFailurePercentage":
		m.toleratedPercent, m.hasToleratedPercent = o.number("ToleratedFailurePercentage", 0, 100)
	case "ToleratedFailurePercentagePath":
		m.toleratedPercentPath = p.referencePath(o, "ToleratedFailurePercentagePath")
	}
	for _, f := range mapFieldsOnlyDistributed {
		if o.has(f) {
			o.get(f)
			p.d.add("UNSUPPORTED_FEATURE", o.at(f), "Distributed Map ('"+f+"') is not supported yet by this engine")
		}
	}
}

// processor parses a Map's ItemProcessor (or Iterator): a block, and the
// ProcessorConfig of an inline Map.
func (p *parser) processor(m map[string]any, loc string) *graph {
	po := newObject(m, loc, p.d)
	po.get("Comment")
	if cfg, ok := po.objectField("ProcessorConfig"); ok {
		co := newObject(cfg, po.at("ProcessorConfig"), p.d)
		if mode, ok := co.str("Mode"); ok && mode != "INLINE" {
			if mode == "DISTRIBUTED" {
				p.d.add("UNSUPPORTED_FEATURE", co.at("Mode"), "Distributed Map is not supported yet by this engine")
			} else {
				p.d.schema(co.at("Mode"), "The value for the field 'Mode' must be one of [INLINE, DISTRIBUTED]")
			}
		}
		if et, ok := co.str("ExecutionType"); ok && et != "STANDARD" && et != "EXPRESS" {
			p.d.schema(co.at("ExecutionType"), "The value for the field 'ExecutionType' must be one of [STANDARD, EXPRESS]")
		}
		co.finish()
	}
	if po.has("QueryLanguage") {
		po.get("QueryLanguage")
		p.d.schema(loc, "Field 'QueryLanguage' is not supported")
	}
	g := p.graph(po)
	po.finish()
	return g
}
