#load "b.csx"
