"""The Juju release the simulator models.

Where Juju's behaviour changed within 3.6 the simulator follows this release, the one
juju-api.md §18 and §19 were read at: ModifyOfferAccess lets model admins act (3.6.3+), offer
visibility counts everyone@external (3.6.6+), an unknown offer is "not found" to its caller
(3.6.10+), and RemoveUser deletes offer and cloud grants (3.6.15+; juju-api.md §19.2, §19.7).
"""
JUJU_RELEASE = "3.6.28"
