"""Facade registry: name -> {version: {method: handler}} (juju-api.md §3-§7, §16, §18)."""
from . import admin, applicationoffers, cloud, controller, keymanager, modelmanager, pinger, usermanager

REGISTRY = {
    "Admin": {3: admin.METHODS},
    "Pinger": {1: pinger.METHODS},
    "UserManager": {3: usermanager.METHODS},
    "Controller": {11: controller.METHODS, 12: controller.METHODS},
    "ModelManager": {9: modelmanager.METHODS, 10: modelmanager.METHODS},
    "ApplicationOffers": {4: applicationoffers.METHODS, 5: applicationoffers.METHODS},
    "Cloud": {7: cloud.METHODS},
    "KeyManager": {1: keymanager.METHODS},
}
