# Run by the build just before it takes the memory snapshot: drops caches
# that the first import or match after a restore fills again in a few
# milliseconds, but that would otherwise ship in every learner's download.
import gc
import linecache
import re
import sys
import zipimport

zipimport._zip_directory_cache.clear()
sys.path_importer_cache.clear()
linecache.clearcache()
re.purge()
gc.collect()
