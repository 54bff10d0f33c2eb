// TopoLint
