"""Who: the sides, actors, commanders, units and strengths of an incident
(:mod:`.actors`) and the reactions of other states and bodies
(:mod:`.reactions`). Takes infobox values and text, gives
:class:`~tally.model.Actor` and :class:`~tally.model.Side`."""
