// TopoModel
