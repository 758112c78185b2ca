#load "a.csx"
