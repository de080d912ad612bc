import traceback, sys, time
from websockets.sync import client as c
orig = c.ClientConnection.handshake
def hs(self, *a, **k):
    t = time.time()
    try:
        return orig(self, *a, **k)
    except BaseException as e:
        sys.__stderr__.write("HANDSHAKE FAILED after %.2fs: %r\n" % (time.time()-t, e)); sys.__stderr__.flush()
        raise
c.ClientConnection.handshake = hs
