// TopoRules
