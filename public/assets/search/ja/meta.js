window.kyodoSearch.meta({"docShards":1,"docs":27,"docsPerShard":500,"shards":2,"stop":[]});
